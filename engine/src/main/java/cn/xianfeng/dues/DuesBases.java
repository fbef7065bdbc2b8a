package cn.xianfeng.dues;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.Declaration;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import cn.xianfeng.dues.internal.DeclarationRows;
import cn.xianfeng.dues.internal.DuesAccess;
import cn.xianfeng.dues.internal.Standards;
import cn.xianfeng.dues.internal.Months;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared base (once a year and on a change): the member, a collector or the secretary declares it; the
 * secretary (or an officer above) confirms it, and only a confirmed base sets the standard. A declaration by one
 * who may confirm it for someone else is confirmed at once. Every declaration and decision is audited.
 */
@Service
public class DuesBases {

    static final int MAX_BACK = 24;
    static final int MAX_AHEAD = 12;

    private final DuesAccess access;
    private final DeclarationRows rows;
    private final Standards standards;
    private final DuesLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;

    DuesBases(DuesAccess access, DeclarationRows rows, Standards standards, DuesLedger ledger, AuditTrail audit,
              Clock clock) {
        this.access = access;
        this.rows = rows;
        this.standards = standards;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public MemberDues declare(String username, BaseDeclaration d, String actor) {
        Person member = access.visible(username, actor);
        boolean confirms = access.mayConfirmFor(actor, member);
        if (!actor.equals(username) && !confirms && !access.mayCollect(actor, member.orgCode())) {
            throw new ForbiddenException(Refusal.of("dues.declareNotAllowed"));
        }
        if (member.status() != MemberStatus.FULL && member.status() != MemberStatus.PROBATIONARY) {
            throw new ConflictException(Refusal.of("dues.membersOnly"));
        }
        List<Violation> problems = new ArrayList<>();
        Category category = null;
        try {
            category = d.category() == null ? null : Category.valueOf(d.category());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (category == null) {
            problems.add(new Violation("category", Refusal.of("dues.category")));
        }
        if (d.monthlyBaseFen() == null) {
            problems.add(new Violation("monthlyBaseFen", Refusal.of("dues.requiredFen")));
        }
        YearMonth current = YearMonth.now(clock);
        YearMonth from = Months.parse(d.from()).orElse(null);
        if (from == null || from.isBefore(current.minusMonths(MAX_BACK)) || from.isAfter(current.plusMonths(MAX_AHEAD))) {
            problems.add(new Violation("from", Refusal.of("dues.fromRange", current.minusMonths(MAX_BACK), current.plusMonths(MAX_AHEAD))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long standard = standards.monthly(category, d.monthlyBaseFen(), d.fixedFen());
        Instant now = clock.instant();
        long id = rows.insert(username, category, d.monthlyBaseFen(), d.fixedFen(), standard, from, actor, now);
        if (confirms) {
            rows.decide(id, "CONFIRMED", actor, now, null);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("declarationId", id);
        data.put("username", username);
        data.put("category", category.name());
        data.put("monthlyBaseFen", d.monthlyBaseFen());
        data.put("fixedFen", String.valueOf(d.fixedFen()));
        data.put("standardFen", standard);
        data.put("from", from.toString());
        data.put("confirmed", confirms);
        audit.record(new AuditEntry(actor, member.orgCode(), AuditAction.DUES_BASE_DECLARED, null, null, null, data, null, null));
        return ledger.view(member);
    }

    /** The secretary's decision on the member's pending declaration: CONFIRM or REJECT (with a reason). */
    @Transactional
    public MemberDues decide(String username, String decision, String reason, String actor) {
        Person member = access.confirmable(username, actor);
        if (!"CONFIRM".equals(decision) && !"REJECT".equals(decision)) {
            throw InvalidInputException.of("decision", Refusal.of("dues.confirmOrReject"));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if ("REJECT".equals(decision) && why == null) {
            throw InvalidInputException.of("reason", Refusal.of("dues.rejectionReason"));
        }
        if (why != null && why.length() > 500) {
            throw InvalidInputException.of("reason", Refusal.of("common.max500"));
        }
        List<Declaration> all = rows.of(username);
        if (all.isEmpty() || !"PENDING".equals(all.get(0).status())) {
            throw new ConflictException(Refusal.of("dues.noPendingDeclaration"));
        }
        Declaration pending = all.get(0);
        String outcome = "CONFIRM".equals(decision) ? "CONFIRMED" : "REJECTED";
        try {
            rows.decide(pending.id(), outcome, actor, clock.instant(), why);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException(Refusal.of("dues.declarationDecided"));
        }
        audit.record(new AuditEntry(actor, member.orgCode(), "CONFIRMED".equals(outcome) ? AuditAction.DUES_BASE_CONFIRMED : AuditAction.DUES_BASE_REJECTED, null, null, null,
                Map.of("declarationId", pending.id(), "username", username, "standardFen", pending.standardFen(),
                        "from", pending.from()), why, null));
        return ledger.view(member);
    }
}
