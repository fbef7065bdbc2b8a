package cn.xianfeng.org;

import cn.xianfeng.TestCounty;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo accounts share one hash of the published demo password (hashed once, not once per account: a seventh of a
 * first start's CPU); every other account keeps a hash of its own password with its own salt.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DemoAccountsTest {

    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;

    @Test
    void demoAccountsShareOneHashOfTheDemoPasswordAndOthersKeepTheirOwn() {
        TestCounty.create(orgs, people);
        String p = "da" + System.nanoTime() % 1_000_000;
        people.createDemoAccount(account(p + "1", "demo-2026"), "admin");
        people.createDemoAccount(account(p + "2", "demo-2026"), "admin");
        people.create(account(p + "3", TestCounty.PASSWORD), "admin");
        people.create(account(p + "4", TestCounty.PASSWORD), "admin");

        String demo1 = hash(p + "1");
        assertThat(passwords.matches("demo-2026", demo1)).isTrue();
        assertThat(hash(p + "2")).isEqualTo(demo1);
        String own3 = hash(p + "3");
        String own4 = hash(p + "4");
        assertThat(passwords.matches(TestCounty.PASSWORD, own3)).isTrue();
        assertThat(passwords.matches(TestCounty.PASSWORD, own4)).isTrue();
        assertThat(own3).as("the same password, salted apart").isNotEqualTo(own4);
        assertThat(passwords.matches("demo-2026", own3)).isFalse();
    }

    private static NewPerson account(String username, String password) {
        return new NewPerson(username, "演示账号", LocalDate.of(1980, 1, 1), "K-T-B1", MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), password);
    }

    private String hash(String username) {
        return jdbc.sql("select password_hash from person where username = ?").param(username).query(String.class).single();
    }
}
