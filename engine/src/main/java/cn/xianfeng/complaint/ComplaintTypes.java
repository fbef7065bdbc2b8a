package cn.xianfeng.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the complaint module takes in and gives out. */
public final class ComplaintTypes {

    private ComplaintTypes() {
    }

    /** A public intake, as the API fixes it, plus the honeypot field a person never fills. */
    public record Intake(String category, String title, String content, String location, Boolean anonymous,
                         String contactName, String contactPhone, String website) {
    }

    /** What anyone holding the tracking code may see: no contact data, no handler's name, only orgs. */
    public record PublicStatus(String trackingCode, String category, String title, String status, String statusName,
                               Instant receivedAt, List<PublicStep> steps, String reply, String rating,
                               boolean canEvaluate) {
    }

    public record PublicStep(Instant at, String name, String org) {
    }

    /**
     * A complaint as staff see it; the contact is complete only for dispatchers, masked for anyone else. No one on the
     * staff sees the tracking code (the complainant's credential), only its hint {@code TS******WXYZ}.
     */
    public record ComplaintView(String caseId, String trackingHint, String category, String title, String dispatchOrg,
                                String handlerOrg, List<String> coOrgs, String routeOrgType, Integer timeLimitDays,
                                boolean overridden, Instant receivedAt, Instant respondDue, Instant respondedAt,
                                Instant handlingDue, Instant handledAt, Boolean resolved, String reply, String rating,
                                int dissatisfiedCount, boolean escalated, Instant closedAt, Contact contact) {
    }

    public record Contact(boolean anonymous, String name, String phone, boolean masked) {
    }

    /** The three rates of an org's subtree over a period; a rate is null while its denominator is zero. */
    public record Rates(String org, String orgName, LocalDate from, LocalDate to, Double responseRate,
                       Double resolutionRate, Double satisfactionRate, Counts counts, List<Rates> orgs) {
    }

    /**
     * received: dispatched to the org within the period; respondedOnTime: responded by the response due;
     * handled: handling reported; resolved: reported resolved and not finally rated dissatisfied;
     * evaluated: rated by the complainant (the latest rating counts).
     */
    public record Counts(long received, long responded, long respondedOnTime, long handled, long resolved,
                         long evaluated, long satisfied, long basicallySatisfied, long dissatisfied, long escalated) {
    }
}
