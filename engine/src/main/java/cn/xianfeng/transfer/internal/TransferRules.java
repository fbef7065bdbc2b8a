package cn.xianfeng.transfer.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.CaseDirectory;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.StepRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a relation transfer that a form cannot express: dues paid up to the current month and no open
 * case that must end first (outgoing check), the letter (issue, reissue, void), the group in the receiving
 * branch, and — in the transaction that ends the case — the member's move to the receiving org.
 */
@Component
class TransferRules implements StepRules {

    static final String PROCESS = "relation-transfer";

    private final TransferStart start;
    private final TransferCases cases;
    private final TransferLetters letters;
    private final People people;
    private final Orgs orgs;
    private final CaseDirectory directory;
    private final Clock clock;
    private final List<String> blocking;
    private final DuesLedger dues;

    TransferRules(TransferStart start, TransferCases cases, TransferLetters letters, People people, Orgs orgs,
                  CaseDirectory directory, Clock clock, DuesLedger dues,
                  @Value("${xianfeng.transfer.blocking-processes:admission,discipline}") List<String> blocking) {
        this.dues = dues;
        this.start = start;
        this.cases = cases;
        this.letters = letters;
        this.people = people;
        this.orgs = orgs;
        this.directory = directory;
        this.clock = clock;
        this.blocking = blocking;
    }

    @Override
    public String process() {
        return PROCESS;
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        return start.check(values, actor);
    }

    @Override
    public void started(String caseId, Map<String, Object> variables, String actor) {
        String member = (String) variables.get("member");
        try {
            cases.insert(caseId, member, (String) variables.get("orgCode"),
                    (String) variables.get("toOrgCode"), (String) variables.get("toOrgName"),
                    (String) variables.get("moveKind"), ledgerMonth(member));
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Refusal.of("transfer.caseOpen"));
        }
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        String decision = String.valueOf(values.get("decision"));
        Map<String, Object> out = new HashMap<>();
        switch (step.stepId()) {
            case "outgoingCheck" -> {
                if ("APPROVE".equals(decision)) {
                    outgoingCheck(step);
                }
            }
            case "issueLetter" -> {
                if ("APPROVE".equals(decision)) {
                    // the letter prints the ledger's month as it stands when the letter is issued
                    cases.dues(step.caseId(), ledgerMonth((String) step.variable("member")));
                    out.putAll(letters.issue(step.caseId(), actor));
                }
            }
            case "letterExpired" -> {
                if ("REISSUE".equals(decision)) {
                    out.putAll(letters.reissue(step.caseId(), actor));
                }
            }
            case "receivingBranch" -> {
                if ("APPROVE".equals(decision)) {
                    String target = target(step, values.get("group"));
                    cases.target(step.caseId(), target);
                    out.put("targetOrg", target);
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** Dues paid up to the current month by the ledger (never a month the client typed), and no blocking case. */
    private void outgoingCheck(Step step) {
        String member = (String) step.variable("member");
        YearMonth now = YearMonth.now(clock);
        YearMonth paid = dues.paidUntil(member).orElseThrow(() -> new ConflictException(Refusal.of("transfer.noDuesRecord", now)));
        if (paid.isBefore(now)) {
            throw new ConflictException(Refusal.of("transfer.duesBehind", paid, now));
        }
        cases.dues(step.caseId(), paid.toString());
        cases.blockingCase(member, step.caseId(), blocking).ifPresent(subject -> {
            throw new ConflictException(Refusal.of("transfer.openCase", subject));
        });
    }

    private String ledgerMonth(String member) {
        return dues.paidUntil(member).map(YearMonth::toString).orElse(null);
    }

    private String target(Step step, Object group) {
        String branch = (String) step.variable("toOrgCode");
        if (!(group instanceof String code) || code.isBlank()) {
            return branch;
        }
        Org g = orgs.find(code).orElse(null);
        if (g == null || g.type() != OrgType.GROUP || !branch.equals(g.parentCode())) {
            throw InvalidInputException.of("data.group", Refusal.of("org.groupOfThisBranch"));
        }
        return g.code();
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        String id = step.caseId();
        String decision = String.valueOf(values.get("decision"));
        switch (step.stepId()) {
            case "receivingCommittee" -> {
                if ("REJECT".equals(decision)) {
                    letters.voidCurrent(id, "接收党委不予接收：" + values.get("reason"), actor);
                }
            }
            case "receivingBranch" -> {
                if ("REJECT".equals(decision)) {
                    letters.voidCurrent(id, "接收支部不同意接收：" + values.get("reason"), actor);
                }
            }
            case "letterExpired" -> {
                if ("WITHDRAW".equals(decision)) {
                    letters.voidCurrent(id, "转接已撤回：" + values.get("reason"), actor);
                }
            }
            case "reportIn" -> cases.date(id, "reported_on", (LocalDate) values.get("reportDate"));
            case "receipt", "receiptByHand" -> cases.date(id, "receipt_on", (LocalDate) values.get("receiptDate"));
            default -> {
            }
        }
        CaseStatus status = directory.statusAfter(step);
        if (status == CaseStatus.ACTIVE) {
            return;
        }
        cases.close(id);
        if (status == CaseStatus.COMPLETED) {
            moveMember(id, actor);
        }
    }

    /** 撤销 by the starter before anyone else acted: the member may apply again; no letter was issued yet. */
    @Override
    public void cancelled(String caseId, Map<String, Object> variables, String actor) {
        letters.voidCurrent(caseId, "转接已撤销", actor);
        cases.close(caseId);
    }

    /** In the transaction that completes the case: the member's record follows them (or leaves Xianfeng). */
    private void moveMember(String caseId, String actor) {
        TransferCases.Row row = cases.find(caseId).orElseThrow();
        if (row.toOrg() == null) {
            people.changeStatus(row.member(), MemberStatus.TRANSFERRED_OUT, caseId, actor);
            return;
        }
        String target = row.targetOrg() == null ? row.toOrg() : row.targetOrg();
        people.moveTo(row.member(), target, caseId, actor);
    }
}
