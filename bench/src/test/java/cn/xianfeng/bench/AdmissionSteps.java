package cn.xianfeng.bench;

import cn.xianfeng.TestCounty;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who completes each admission step on the happy path, and valid data for it (as in the engine's tests). */
final class AdmissionSteps {

    private AdmissionSteps() {
    }

    static void createBranch(Orgs orgs, People people) {
        TestCounty.create(orgs, people);
        if (orgs.find("K-T-B1-G1").isEmpty()) {
            orgs.create(new NewOrg("K-T-B1-G1", "第一党小组", OrgType.GROUP, "K-T-B1"), "admin");
            person(people, "com1", "支委一", "K-T-B1", MemberStatus.FULL, 1975);
            people.grant("com1", Role.BRANCH_COMMITTEE, "K-T-B1", "admin");
            person(people, "orgdept", "县委组织部", "K", MemberStatus.FULL, 1970);
            people.grant("orgdept", Role.ORG_DEPARTMENT, "K", "admin");
        }
    }

    static void person(People people, String username, String name, String org, MemberStatus status, int born) {
        people.create(new NewPerson(username, name, LocalDate.of(born, 5, 4), org, status, null, TestCounty.PASSWORD), "admin");
    }

    static String owner(String stepId, String applicant) {
        return switch (stepId) {
            case "step01", "step14", "step22" -> applicant;
            case "step03", "step12" -> "com1";
            case "step04", "step08", "step13", "step16", "step17", "step24" -> "reviewer";
            case "step18" -> "orgdept";
            default -> "sec1";
        };
    }

    /** {@code attachment}: the id of a stored attachment, for the steps that take a scan. */
    static Map<String, Object> data(String stepId, String applicant, LocalDate today, String attachment) {
        String day = today.toString();
        Map<String, Object> vote = Map.of("meetingDate", day, "entitled", 5, "present", 4, "yes", 3, "no", 1, "abstain", 0);
        return switch (stepId) {
            case "step01", "step22" -> Map.of("applicationDate", day, "letter", attachment);
            case "step02", "step16" -> Map.of("talkDate", day, "talker", owner(stepId, applicant), "summary", "谈话情况良好");
            case "step03" -> Map.of("recommendation", "MEMBERS", "meetingDate", day, "decision", "APPROVE");
            case "step05" -> Map.of("contacts", List.of("member1"));
            case "step06" -> Map.of("summary", "培养考察一年，表现良好");
            case "step07" -> Map.of("meetingDate", day, "opinionsHeard", true, "decision", "APPROVE");
            case "step09" -> Map.of("introducers", List.of("member1", "member2"));
            case "step10" -> Map.of("conclusion", "政治审查合格", "decision", "APPROVE");
            case "step11" -> Map.of("trainingDays", 3, "trainingHours", 24);
            case "step14" -> Map.of("fillDate", day, "volunteerForm", attachment);
            case "step15" -> vote;
            case "step17", "step24" -> Map.of("approvalDate", day, "decision", "APPROVE");
            case "step19" -> Map.of("group", "K-T-B1-G1");
            case "step20" -> Map.of("oathDate", day);
            case "step21" -> Map.of("education", "继续教育考察情况良好");
            case "step23" -> with(vote, "decision", "ON_TIME");
            case "step25" -> Map.of("archiveNo", "DA-2027-001");
            default -> Map.of("decision", "APPROVE");
        };
    }

    static boolean takesAttachment(String stepId) {
        return stepId.equals("step01") || stepId.equals("step14") || stepId.equals("step22");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
