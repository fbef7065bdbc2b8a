package cn.xianfeng;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;

import java.time.LocalDate;

/** A small county for engine tests: one committee, a township with two branches, and people in roles. */
public final class TestCounty {

    public static final String PASSWORD = "test-password";

    private TestCounty() {
    }

    public static void create(Orgs orgs, People people) {
        if (orgs.find("K").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("K", "测试县委", OrgType.COMMITTEE, null), "admin");
        orgs.create(new NewOrg("K-T", "测试镇党委", OrgType.COMMITTEE, "K"), "admin");
        orgs.create(new NewOrg("K-T-B1", "第一党支部", OrgType.BRANCH, "K-T"), "admin");
        orgs.create(new NewOrg("K-T-B2", "第二党支部", OrgType.BRANCH, "K-T"), "admin");
        person(people, "sec1", "支书一", "K-T-B1", Role.SECRETARY, "K-T-B1");
        person(people, "sec2", "支书二", "K-T-B2", Role.SECRETARY, "K-T-B2");
        person(people, "member1", "党员一", "K-T-B1", null, null);
        person(people, "member2", "党员二", "K-T-B1", null, null);
        person(people, "reviewer", "组织员", "K-T", Role.COMMITTEE_REVIEWER, "K-T");
        person(people, "auditor", "审计员", "K", Role.AUDITOR, "K");
    }

    private static void person(People people, String username, String name, String org, Role role, String roleOrg) {
        people.create(new NewPerson(username, name, LocalDate.of(1980, 1, 1), org, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), PASSWORD), "admin");
        if (role != null) {
            people.grant(username, role, roleOrg, "admin");
        }
    }
}
