package cn.xianfeng.portal.demo;

import cn.xianfeng.org.Ethnicity;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.PersonalData;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A demo county loaded on the first start (xianfeng.demo=true, the default): a county committee, two township
 * committees, three branches, a group, a dozen people with one person per role, and an open report waiting for
 * the branch secretary. Its password is a demo password, for this data only (README).
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "xianfeng.demo", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String SYSTEM = "admin";

    private final Orgs orgs;
    private final People people;
    private final Cases cases;
    private final Clock clock;
    private final String password;
    private final cn.xianfeng.workflow.Tasks tasks;
    private final cn.xianfeng.evidence.Attachments attachments;

    DemoData(Orgs orgs, People people, Cases cases, Clock clock, cn.xianfeng.workflow.Tasks tasks,
             cn.xianfeng.evidence.Attachments attachments,
             @Value("${xianfeng.demo-password:demo-2026}") String password) {
        this.tasks = tasks;
        this.attachments = attachments;
        this.orgs = orgs;
        this.people = people;
        this.cases = cases;
        this.clock = clock;
        this.password = password;
    }

    record Member(String username, String name, String org, MemberStatus status, int age, Role role, String roleOrg) {
    }

    static final List<NewOrg> ORGS = List.of(
            new NewOrg("C01", "青山县委", OrgType.COMMITTEE, null),
            new NewOrg("C01-T1", "城关镇党委", OrgType.COMMITTEE, "C01"),
            new NewOrg("C01-T2", "河口乡党委", OrgType.COMMITTEE, "C01"),
            new NewOrg("C01-T1-B1", "城关社区党支部", OrgType.BRANCH, "C01-T1"),
            new NewOrg("C01-T1-B2", "城关中学党支部", OrgType.BRANCH, "C01-T1"),
            new NewOrg("C01-T2-B1", "河口村党支部", OrgType.BRANCH, "C01-T2"),
            new NewOrg("C01-T1-B1-G1", "城关社区第一党小组", OrgType.GROUP, "C01-T1-B1"));

    static final List<Member> PEOPLE = List.of(
            new Member("zhangsan", "张三", "C01-T1-B1", MemberStatus.FULL, 45, Role.SECRETARY, "C01-T1-B1"),
            new Member("lisi", "李四", "C01-T1-B1", MemberStatus.FULL, 39, Role.BRANCH_COMMITTEE, "C01-T1-B1"),
            new Member("zhaoliu", "赵六", "C01-T1-B1-G1", MemberStatus.FULL, 52, null, null),
            new Member("sunqi", "孙七", "C01-T1-B1-G1", MemberStatus.FULL, 33, null, null),
            new Member("zhouba", "周八", "C01-T1-B1", MemberStatus.ACTIVIST, 27, null, null),
            new Member("wangwu", "王五", "C01-T1-B1", MemberStatus.APPLICANT, 24, null, null),
            new Member("wujiu", "吴九", "C01-T1-B2", MemberStatus.FULL, 48, Role.SECRETARY, "C01-T1-B2"),
            new Member("zhengshi", "郑十", "C01-T2-B1", MemberStatus.FULL, 50, Role.SECRETARY, "C01-T2-B1"),
            new Member("chenyi", "陈一", "C01-T1", MemberStatus.FULL, 41, Role.COMMITTEE_REVIEWER, "C01-T1"),
            new Member("liuer", "刘二", "C01-T2", MemberStatus.FULL, 44, Role.COMMITTEE_REVIEWER, "C01-T2"),
            new Member("yangfan", "杨帆", "C01", MemberStatus.FULL, 46, Role.ORG_DEPARTMENT, "C01"),
            new Member("huangli", "黄丽", "C01", MemberStatus.FULL, 38, Role.AUDITOR, "C01"),
            new Member("xuqiang", "徐强", "C01", MemberStatus.FULL, 36, Role.DISPATCHER, "C01"),
            new Member("heming", "何明", "C01", MemberStatus.FULL, 42, Role.ADMIN, "C01"));

    /** Made-up personal data: region 990000 exists nowhere, 1380000xxxx is the usual placeholder number. */
    static final String FAKE_REGION = "990000";
    static final String FAKE_PHONE_PREFIX = "1380000";

    static String fakeIdNumber(LocalDate birth, int sequence) {
        String first17 = FAKE_REGION + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + "%03d".formatted(sequence);
        return first17 + PersonalData.checkDigit(first17);
    }

    /** An applicant who has handed in the letter: the branch secretary owes the talk (step02). */
    private void admission(String applicant) {
        String caseId = cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE).id();
        try {
            String letter = attachments.store(null, "入党申请书.pdf", new java.io.ByteArrayInputStream(
                    "%PDF-1.4\n% demo application letter\n".getBytes()), applicant, "C01-T1-B1").id();
            String step01 = cases.view(caseId, applicant).current().get(0).taskId();
            tasks.complete(step01, Map.of("applicationDate", LocalDate.now(clock).toString(), "letter", letter),
                    "本人自愿申请加入中国共产党。", applicant, Locale.SIMPLIFIED_CHINESE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 民族 of the demo people: Han unless named here, so the letter and lists show more than one. */
    private static final Map<String, Ethnicity> DEMO_ETHNICITIES = Map.of("sunqi", Ethnicity.HUI,
            "zhengshi", Ethnicity.ZHUANG, "yangfan", Ethnicity.MANCHU, "liuer", Ethnicity.MIAO);

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (orgs.find("C01").isPresent()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        ORGS.forEach(o -> orgs.create(o, SYSTEM));
        for (int i = 0; i < PEOPLE.size(); i++) {
            Member m = PEOPLE.get(i);
            LocalDate birth = today.minusYears(m.age()).withDayOfYear(100);
            people.createDemoAccount(new NewPerson(m.username(), m.name(), birth, m.org(),
                    m.status(), m.status() == MemberStatus.FULL ? today.minusYears(Math.max(1, m.age() - 25)) : null,
                    password, fakeIdNumber(birth, i + 1), "%s%04d".formatted(FAKE_PHONE_PREFIX, i + 1),
                    DEMO_ETHNICITIES.getOrDefault(m.username(), Ethnicity.HAN).name()), SYSTEM);
            if (m.role() != null) {
                people.grant(m.username(), m.role(), m.roleOrg(), SYSTEM);
            }
        }
        cases.start(new StartCase("report", "2026年第三季度学习情况报告", Map.of(
                "title", "2026年第三季度学习情况报告",
                "content", "本季度组织集中学习三次，党员参学率百分之九十五。",
                "reportDate", today.toString())), "zhaoliu", Locale.SIMPLIFIED_CHINESE);
        admission("wangwu");
        log.info("Demo data loaded: {} orgs, {} people; demo password for all of them: see README", ORGS.size(), PEOPLE.size());
    }
}
