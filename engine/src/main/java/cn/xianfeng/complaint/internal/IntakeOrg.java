package cn.xianfeng.complaint.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The committee whose dispatchers receive public complaints: {@code xianfeng.complaints.intake-org}, or else the
 * first top-level committee of the tree (a county runs one intake).
 */
@Component
class IntakeOrg {

    private final Orgs orgs;
    private final String configured;

    IntakeOrg(Orgs orgs, @Value("${xianfeng.complaints.intake-org:}") String configured) {
        this.orgs = orgs;
        this.configured = configured.strip();
    }

    String code() {
        if (!configured.isEmpty()) {
            return orgs.get(configured).code();
        }
        return orgs.all().stream().filter(o -> o.parentCode() == null && o.type() == OrgType.COMMITTEE)
                .map(Org::code).findFirst().orElseThrow(() -> new NotFoundException(Refusal.of("complaint.noIntakeCommittee")));
    }
}
