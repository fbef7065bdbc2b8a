package cn.xianfeng.portal;

import cn.xianfeng.common.AdjustableClock;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.People;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 5: a stranger cannot keep anyone locked out. The throttle is per (source address, account name),
 * with growing delays (here: 3 free failures, then 10 s, 20 s, 40 s, 80 s) and no hard lock; when the longest delay
 * has run out the count starts afresh. Requests come from distinct loopback addresses over real sockets; the test
 * moves the application clock rather than sleeping. Item 16: a failure records no typed name that is not an account.
 */
@TrustPortalTest
class SignInThrottleTest {

    static final String STRANGER = "127.0.0.2";
    static final String OWNER = "127.0.0.3";

    @LocalServerPort int port;
    @Autowired People people;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void aStrangersFailuresSlowOnlyTheStrangerAndTheDelaysGrowThenReset() throws Exception {
        // the bootstrap administrator: the account an attacker most wants to hold
        for (int i = 1; i <= 3; i++) {
            assertThat(status(STRANGER, "admin", "guess-" + i)).as("free failure %d", i).isEqualTo(401);
        }
        assertThat(status(STRANGER, "admin", "guess-4")).as("4th failure: counted, then a wait").isEqualTo(401);
        FromAddress.Reply held = FromAddress.basic(STRANGER, port, "GET", "/api/me", "admin", TrustPortalTest.ADMIN_PASSWORD);
        assertThat(held.status()).as("even the right password waits at the stranger's address").isEqualTo(429);
        assertThat(Long.parseLong(held.header("Retry-After"))).isBetween(1L, 10L);
        assertThat(held.body()).doesNotContain("Exception");

        assertThat(status(OWNER, "admin", TrustPortalTest.ADMIN_PASSWORD)).as("the owner from another address").isEqualTo(200);
        Browserless page = new Browserless(port);
        assertThat(page.login("admin", TrustPortalTest.ADMIN_PASSWORD).headers().firstValue("Location").orElse(""))
                .as("and through the sign-in form (127.0.0.1)").doesNotContain("error").doesNotContain("throttled");

        long previous = 10;
        for (long expected : new long[]{20, 40, 80}) {
            move(Duration.ofSeconds(previous + 1));
            assertThat(status(STRANGER, "admin", "guess-again")).isEqualTo(401);
            FromAddress.Reply waiting = FromAddress.basic(STRANGER, port, "GET", "/api/me", "admin", "guess-while-waiting");
            assertThat(waiting.status()).isEqualTo(429);
            assertThat(Long.parseLong(waiting.header("Retry-After"))).as("the delay grows to %d s", expected)
                    .isBetween(expected - 8, expected);
            previous = expected;
        }
        assertThat(status(OWNER, "admin", TrustPortalTest.ADMIN_PASSWORD)).as("the owner is never held").isEqualTo(200);

        // the longest delay (80 s) has run out: the count starts afresh, three free failures again
        move(Duration.ofSeconds(81));
        for (int i = 1; i <= 3; i++) {
            assertThat(status(STRANGER, "admin", "fresh-" + i)).as("after the expiry, free failure %d", i).isEqualTo(401);
        }
        assertThat(status(STRANGER, "admin", TrustPortalTest.ADMIN_PASSWORD)).as("and the right password works there")
                .isEqualTo(200);
    }

    @Test
    void anAccountsFailuresAtOneAddressDoNotTouchAnotherAccountThere() throws Exception {
        if (people.find("throttled2").isEmpty()) {
            people.createDemoAccount(new NewPerson("throttled2", "节流测试", LocalDate.of(1980, 1, 1), "C01-T1-B1",
                    MemberStatus.FULL, LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
        }
        String address = "127.0.0.4";
        for (int i = 0; i < 5; i++) {
            status(address, "throttled2", "wrong-" + i);
        }
        assertThat(status(address, "throttled2", Fixtures.DEMO)).isEqualTo(429);
        assertThat(status(address, "sunqi", Fixtures.DEMO)).as("another account from the same address").isEqualTo(200);
    }

    /** Item 16: whatever was typed as a name (a password in the wrong field, 300 characters) is stored nowhere. */
    @Test
    void aFailedSignInStoresNoTypedNameThatIsNotAnAccount() throws Exception {
        String typed = "Secret-Typed-In-Name-Field-" + "x".repeat(300);
        long before = count("select count(*) from audit_event where action = 'LOGIN_FAILED'");
        assertThat(status("127.0.0.5", typed, "whatever-1")).isEqualTo(401);
        assertThat(status("127.0.0.5", "zhaoliu", "wrong-password-1")).isEqualTo(401);
        assertThat(count("select count(*) from audit_event where action = 'LOGIN_FAILED'")).isEqualTo(before + 2);
        assertThat(count("select count(*) from audit_event where data::text like '%Secret-Typed%' or actor like '%Secret-Typed%'"))
                .isZero();
        assertThat(jdbc.sql("select actor from audit_event where action = 'LOGIN_FAILED' order by id desc limit 2")
                .query(String.class).list()).containsExactly("zhaoliu", "anonymous");
        assertThat(count("select count(*) from sign_in_throttle where account like '%Secret%' or length(account) <> 64"))
                .isZero();
    }

    private int status(String from, String user, String password) throws Exception {
        return FromAddress.basic(from, port, "GET", "/api/me", user, password).status();
    }

    private void move(Duration by) {
        ((AdjustableClock) clock).set(clock.instant().plus(by));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
