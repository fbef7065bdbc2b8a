package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.util.Map;

/** A 补开/说明 case is started by the compliance check alone (as the administrator), never from a page. */
@Component
class ComplianceRules implements StepRules {

    private final OrgAuthority authority;

    ComplianceRules(OrgAuthority authority) {
        this.authority = authority;
    }

    @Override
    public String process() {
        return "meeting-compliance";
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        if (!authority.isSuperuser(actor)) {
            throw new ForbiddenException(Refusal.of("meeting.supervisionBySystem"));
        }
        return Map.of("subjectName", MeetingType.valueOf((String) values.get("type")).label() + " "
                + values.get("period") + " 未按期召开");
    }
}
