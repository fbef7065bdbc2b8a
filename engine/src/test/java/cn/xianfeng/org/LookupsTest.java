package cn.xianfeng.org;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pickers' lookups on a real PostgreSQL: by name, pinyin initials, full pinyin, username or code; only within the
 * viewer's scope (their roles' subtrees and their own branch); branches anywhere only as transfer destinations.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class LookupsTest {

    @Autowired Lookups lookups;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired JdbcClient jdbc;

    /** Two fresh branches under K-T: A with a secretary, a member and a group; B with a secretary. */
    String a;
    String b;
    String p;

    @BeforeEach
    void branches() {
        TestCounty.create(orgs, people);
        p = "lk" + System.nanoTime() % 1_000_000;
        a = "K-T-" + p.toUpperCase() + "A";
        b = "K-T-" + p.toUpperCase() + "B";
        orgs.create(new NewOrg(a, "清水湾党支部", OrgType.BRANCH, "K-T"), "admin");
        orgs.create(new NewOrg(a + "-G1", "清水湾第一党小组", OrgType.GROUP, a), "admin");
        orgs.create(new NewOrg(b, "石桥村党支部", OrgType.BRANCH, "K-T"), "admin");
        person(p + "sa", "欧阳明", a, Role.SECRETARY);
        person(p + "ma", "张晓燕", a + "-G1", null);
        person(p + "sb", "李建国", b, Role.SECRETARY);
    }

    private void person(String username, String name, String org, Role role) {
        people.create(new NewPerson(username, name, LocalDate.of(1980, 1, 1), org, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), TestCounty.PASSWORD), "admin");
        if (role != null) {
            people.grant(username, role, org, "admin");
        }
    }

    private List<String> people(String viewer, String q) {
        return lookups.people(viewer, q, 20).stream().map(Lookups.PersonMatch::username).toList();
    }

    @Test
    void findsByNamePinyinInitialsFullPinyinAndUsername() {
        String secretary = p + "sa";
        assertThat(people(secretary, "晓燕")).containsExactly(p + "ma");
        assertThat(people(secretary, "zxy")).containsExactly(p + "ma");
        assertThat(people(secretary, "ZhangXiao")).containsExactly(p + "ma");
        assertThat(people(secretary, p + "m")).containsExactly(p + "ma");
        assertThat(lookups.people(secretary, "zxy", 20)).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("张晓燕");
            assertThat(m.org()).isEqualTo("清水湾第一党小组");
        });
        assertThat(lookups.orgs(secretary, "qsw", List.of(), false, 20)).extracting(Lookups.OrgMatch::code)
                .containsExactly(a, a + "-G1");
        assertThat(lookups.orgs(secretary, "qsw", List.of(OrgType.GROUP), false, 20)).extracting(Lookups.OrgMatch::code)
                .containsExactly(a + "-G1");
    }

    @Test
    void neverRevealsPeopleOrOrgsOutsideTheViewersScope() {
        // the other branch's secretary, a member of the group: their own branch only
        assertThat(people(p + "sb", "zxy")).isEmpty();
        assertThat(people(p + "sb", "欧阳")).isEmpty();
        assertThat(people(p + "ma", "欧阳明")).containsExactly(p + "sa");
        assertThat(people(p + "ma", "ljg")).isEmpty();
        assertThat(lookups.orgs(p + "sb", "清水湾", List.of(), false, 20)).isEmpty();
        assertThat(lookups.mayPick(p + "sb", p + "ma")).isFalse();
        assertThat(lookups.mayPick(p + "sa", p + "ma")).isTrue();
        assertThat(lookups.mayPickOrg(p + "sb", a)).isFalse();
        // the township's reviewer and the county's auditor see both branches; the bootstrap admin everyone
        assertThat(people("reviewer", "zxy")).contains(p + "ma"); // other tests' branches under K-T match too
        assertThat(people("auditor", "ljg")).contains(p + "sb");
        assertThat(people("admin", "ljg")).contains(p + "sb");
        // branches anywhere, for a transfer: only branches, never groups or committees, never people
        // (other tests' 清水湾 branches match too: the context's database is shared)
        assertThat(lookups.orgs(p + "sb", "清水湾", List.of(OrgType.BRANCH, OrgType.GROUP), true, 20))
                .allMatch(o -> o.type() == OrgType.BRANCH).extracting(Lookups.OrgMatch::code)
                .contains(a).doesNotContain(a + "-G1");
        assertThat(lookups.orgs(p + "sb", "测试", List.of(OrgType.COMMITTEE), true, 20)).isEmpty();
    }

    @Test
    void pickAnswersExistenceAndScopeInOneLookAsMayPickDoes() {
        List<String> viewers = List.of(p + "sa", p + "ma", p + "sb", "reviewer", "auditor", "admin", p + "nobody");
        List<String> named = List.of(p + "sa", p + "ma", p + "sb", p + "nobody");
        for (String viewer : viewers) {
            for (String username : named) {
                Lookups.Pick expected = people.find(username).isEmpty() ? Lookups.Pick.UNKNOWN
                        : lookups.mayPick(viewer, username) ? Lookups.Pick.PICKABLE : Lookups.Pick.OUT_OF_SCOPE;
                assertThat(lookups.pick(viewer, username)).as(viewer + " naming " + username).isEqualTo(expected);
            }
        }
        // spelled out: the other branch's secretary may not name a member of this group; its own secretary may
        assertThat(lookups.pick(p + "sb", p + "ma")).isEqualTo(Lookups.Pick.OUT_OF_SCOPE);
        assertThat(lookups.pick(p + "sa", p + "ma")).isEqualTo(Lookups.Pick.PICKABLE);
        assertThat(lookups.pick("admin", p + "sb")).isEqualTo(Lookups.Pick.PICKABLE);
        assertThat(lookups.pick("admin", p + "nobody")).isEqualTo(Lookups.Pick.UNKNOWN);
        // a role held in the other branch widens the scope to it, as the pickers' search does
        people.grant(p + "sb", Role.BRANCH_COMMITTEE, a, "admin");
        assertThat(lookups.pick(p + "sb", p + "ma")).isEqualTo(Lookups.Pick.PICKABLE);
        assertThat(lookups.mayPick(p + "sb", p + "ma")).isTrue();
    }

    @Test
    void resolvesATypedNameOnlyWhenItNamesOnePerson() {
        assertThat(lookups.resolvePerson(p + "sa", "张晓燕").match()).map(Lookups.PersonMatch::username)
                .contains(p + "ma");
        person(p + "mb", "张晓燕", a, null);
        var twins = lookups.resolvePerson(p + "sa", "张晓燕");
        assertThat(twins.match()).isEmpty();
        assertThat(twins.candidates()).extracting(Lookups.PersonMatch::username).containsExactlyInAnyOrder(p + "ma", p + "mb");
        assertThat(lookups.resolvePerson(p + "sa", p + "mb").match()).map(Lookups.PersonMatch::username).contains(p + "mb");
        assertThat(lookups.resolveOrg(p + "sa", "清水湾党支部", List.of(), false).match()).map(Lookups.OrgMatch::code)
                .contains(a);
        assertThat(lookups.resolveOrg(p + "sb", a, List.of(), false).match()).isEmpty();
    }

    @Test
    void aRenamedPersonIsSpelledAgainAndQueriesAreBounded() {
        jdbc.sql("update person set name = ? where username = ?").params("王海涛", p + "ma").update();
        assertThat(people(p + "sa", "zxy")).isEmpty();
        assertThat(people(p + "sa", "wht")).containsExactly(p + "ma");
        assertThatThrownBy(() -> lookups.people(p + "sa", "z".repeat(Lookups.MAX_QUERY + 1), 20))
                .isInstanceOf(InvalidInputException.class);
        for (int i = 0; i <= Lookups.MAX_RESULTS; i++) {
            person(p + "x" + i, "测试人员" + i, a, null);
        }
        assertThat(lookups.people("admin", "", 500)).hasSize(Lookups.MAX_RESULTS);
        assertThat(lookups.people(p + "sa", p + "x", 500)).hasSize(Lookups.MAX_RESULTS);
        assertThat(people(p + "sa", "%")).isEmpty(); // LIKE wildcards are text, not wildcards
    }
}
