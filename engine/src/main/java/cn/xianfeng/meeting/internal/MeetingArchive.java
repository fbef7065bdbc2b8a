package cn.xianfeng.meeting.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;

/**
 * The model's "归档" step ({@code ${meetingArchive.archive(execution)}}): the record becomes read-only, its minutes
 * PDF is issued, and open compliance flags of the branch for this type are resolved.
 */
@Component("meetingArchive")
class MeetingArchive {

    private final MeetingRows rows;
    private final MinutesPdf minutes;
    private final ComplianceFlags flags;
    private final AuditTrail audit;
    private final Clock clock;

    MeetingArchive(MeetingRows rows, MinutesPdf minutes, ComplianceFlags flags, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.minutes = minutes;
        this.flags = flags;
        this.audit = audit;
        this.clock = clock;
    }

    public void archive(DelegateExecution execution) {
        String caseId = execution.getProcessInstanceId();
        String actor = Authentication.getAuthenticatedUserId() == null ? "system" : Authentication.getAuthenticatedUserId();
        MeetingRows.Row m = rows.find(caseId).orElseThrow();
        rows.archived(caseId, clock.instant(), actor, null);
        String code = minutes.issue(caseId, actor);
        rows.minutesCode(caseId, code);
        int resolved = flags.resolve(m.branchCode(), m.type(), clock.instant());
        audit.record(new AuditEntry(actor, m.orgCode(), AuditAction.MEETING_ARCHIVED, caseId, null, "archive",
                Map.of("minutes", code, "meetingDate", String.valueOf(m.meetingDate()), "flagsResolved", resolved),
                null, null));
    }
}
