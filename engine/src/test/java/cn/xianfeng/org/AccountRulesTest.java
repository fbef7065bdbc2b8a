package cn.xianfeng.org;

import cn.xianfeng.common.ForbiddenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules behind issue 14's account and org-tree fixes, without a database (the HTTP tests run them for real). */
class AccountRulesTest {

    @Test
    void thePasswordPolicy() {
        assertThat(PasswordPolicy.problem("zhangsan", "11111111")).contains("密码至少 10 位");
        assertThat(PasswordPolicy.problem("zhangsan", "1234567890")).contains("该密码过于常见，请换一个");
        assertThat(PasswordPolicy.problem("zhangsan", "QwertyUiop")).as("case-insensitive").isPresent();
        assertThat(PasswordPolicy.problem("zhangsan", "zhangsan2026")).contains("密码不能包含用户名");
        assertThat(PasswordPolicy.problem("zhangsan", "ZHANGSAN-pw1")).contains("密码不能包含用户名");
        assertThat(PasswordPolicy.problem("zhangsan", "xxxxxxxxxxxx")).contains("密码不能由同一个字符重复组成");
        assertThat(PasswordPolicy.problem("zhangsan", "党".repeat(25))).as("75 bytes").contains("密码过长（至多 72 字节）");
        assertThat(PasswordPolicy.problem("zhangsan", "demo-2026")).as("the demo password is 9").isPresent();
        assertThat(PasswordPolicy.problem("zhangsan", "Correct-Horse-9")).isEmpty();
        assertThat(PasswordPolicy.problem("zhangsan", "先锋党务工作流程密码")).as("10 Chinese characters").isEmpty();
    }

    @Test
    void demoAccountsExistOnlyWithTheDemo() {
        PersonRegistration off = new PersonRegistration(null, null, null, null, null, null, null, false, "demo-2026");
        NewPerson p = new NewPerson("demo-x", "演示", LocalDate.of(1980, 1, 1), "C01", MemberStatus.FULL, null, "demo-2026");
        assertThatThrownBy(() -> off.registerDemoAccount(p, "admin")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theTreesShapeAndTheRolesLevels() {
        assertThat(OrgType.COMMITTEE.mayContain(OrgType.COMMITTEE)).as("county above township").isTrue();
        assertThat(OrgType.BRANCH.mayContain(OrgType.COMMITTEE)).isFalse();
        assertThat(OrgType.BRANCH.mayContain(OrgType.BRANCH)).isFalse();
        assertThat(OrgType.BRANCH.mayContain(OrgType.GROUP)).isTrue();
        assertThat(OrgType.COMMITTEE.mayContain(OrgType.GROUP)).as("a group belongs to a branch").isFalse();
        assertThat(OrgType.GROUP.mayContain(OrgType.GROUP)).isFalse();
        assertThat(OrgRules.grantors(Role.BRANCH_COMMITTEE)).containsExactlyInAnyOrder(Role.SECRETARY,
                Role.ORG_DEPARTMENT, Role.ADMIN);
        assertThat(OrgRules.grantors(Role.COMMITTEE_REVIEWER)).containsExactlyInAnyOrder(Role.ORG_DEPARTMENT, Role.ADMIN);
        assertThat(OrgRules.grantors(Role.ADMIN)).containsExactly(Role.ADMIN);
    }

    @Test
    void throttleDelaysGrowToTheLongestWait() {
        SignInThrottle throttle = new SignInThrottle(null, null, null, 5, Duration.ofSeconds(2), Duration.ofMinutes(15));
        assertThat(throttle.delay(5)).isZero();
        assertThat(throttle.delay(6)).hasSeconds(2);
        assertThat(throttle.delay(7)).hasSeconds(4);
        assertThat(throttle.delay(14)).hasSeconds(512);
        assertThat(throttle.delay(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.delay(1_000)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.account("Admin")).isEqualTo(SignInThrottle.account("admin")).hasSize(64);
    }
}
