package cn.xianfeng.meeting.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Person;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The model's "通知参会人员" step ({@code ${meetingNotices.notify(execution)}}): writes the meeting and its roll;
 * each row of the roll is the attendee's in-app notice, answered on 我的会议 (confirm, or absent with a reason).
 */
@Component("meetingNotices")
class MeetingNotices {

    private final MeetingRows rows;
    private final Roll roll;
    private final Orgs orgs;
    private final AuditTrail audit;

    MeetingNotices(MeetingRows rows, Roll roll, Orgs orgs, AuditTrail audit) {
        this.rows = rows;
        this.roll = roll;
        this.orgs = orgs;
        this.audit = audit;
    }

    public void notify(DelegateExecution execution) {
        String caseId = execution.getProcessInstanceId();
        String orgCode = (String) execution.getVariable("orgCode");
        MeetingType type = MeetingType.valueOf((String) execution.getVariable("type"));
        Date planned = (Date) execution.getVariable("plannedAt");
        rows.insert(caseId, orgCode, orgs.branchOf(orgCode).code(), type, planned.toInstant(),
                (String) execution.getVariable("place"), (String) execution.getVariable("host"),
                (String) execution.getVariable("recorder"), (String) execution.getVariable("agenda"));
        List<Person> expected = roll.of(orgCode, type);
        expected.forEach(p -> rows.addAttendee(caseId, p.username(), p.status().votes()));
        execution.setVariable("expected", expected.size());
        Object initiator = execution.getVariable("initiator");
        audit.record(new AuditEntry(initiator == null ? "system" : initiator.toString(), orgCode, AuditAction.MEETING_NOTIFIED,
                caseId, null, "notifyAttendees",
                Map.of("expected", expected.size(), "attendees", expected.stream().map(Person::username).toList()),
                null, null));
    }
}
