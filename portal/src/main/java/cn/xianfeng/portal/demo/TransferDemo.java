package cn.xianfeng.portal.demo;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * The relation-transfer demo, after the demo county: 钱十 (qianshi), a full member of 城关社区第一党小组, is moving
 * to 河口村党支部 (another township committee, which gains a group); 张三 has applied for her, so the outgoing
 * check waits in zhangsan's 待办. Loaded once, on a database that has the demo county and not this member.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "xianfeng.demo", havingValue = "true", matchIfMissing = true)
class TransferDemo implements ApplicationRunner {

    static final String MEMBER = "qianshi";

    private final Orgs orgs;
    private final People people;
    private final Cases cases;
    private final Clock clock;
    private final String password;

    TransferDemo(Orgs orgs, People people, Cases cases, Clock clock,
                 @Value("${xianfeng.demo-password:demo-2026}") String password) {
        this.orgs = orgs;
        this.people = people;
        this.cases = cases;
        this.clock = clock;
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (orgs.find("C01-T2-B1").isEmpty() || people.find(MEMBER).isPresent()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        orgs.create(new NewOrg("C01-T2-B1-G1", "河口村第一党小组", OrgType.GROUP, "C01-T2-B1"), "admin");
        people.createDemoAccount(new NewPerson(MEMBER, "钱十", today.minusYears(34).withDayOfYear(120), "C01-T1-B1-G1",
                MemberStatus.FULL, today.minusYears(8), password), "admin");
        // her dues come from the ledger (DuesDemo records a year of them), never from the application
        cases.start(new StartCase("relation-transfer", null, Map.of("member", MEMBER, "toOrgCode", "C01-T2-B1",
                "reason", "工作调动至河口乡")), "zhangsan", Locale.SIMPLIFIED_CHINESE);
    }
}
