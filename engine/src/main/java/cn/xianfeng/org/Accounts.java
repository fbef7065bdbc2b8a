package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A person's password over its life: they change their own (knowing the current one); an officer who outranks them
 * resets it to a generated one-time password, which must be changed at the next sign-in. Every new password meets
 * {@link PasswordPolicy}. Both are audited, never with the password.
 */
@Service
public class Accounts {

    /** No 0/O, 1/l/I: read aloud or copied from a screen without mistakes. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 14;

    private final JdbcClient jdbc;
    private final People people;
    private final OrgRules rules;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Accounts(JdbcClient jdbc, People people, OrgRules rules, PasswordEncoder passwords, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.rules = rules;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** The person changes their own password; every problem is named (currentPassword, newPassword) in one 400. */
    @Transactional
    public void changeOwn(String username, String currentPassword, String newPassword) {
        Person person = people.get(username);
        String hash = jdbc.sql("select password_hash from person where username = ? for update").param(username)
                .query(String.class).single();
        List<Violation> problems = new ArrayList<>();
        if (currentPassword == null || PasswordPolicy.tooLong(currentPassword)
                || !passwords.matches(currentPassword, hash)) {
            problems.add(new Violation("currentPassword", Refusal.of("org.wrongPassword")));
        }
        PasswordPolicy.problem(username, newPassword).ifPresent(m -> problems.add(new Violation("newPassword", m)));
        if (problems.isEmpty() && newPassword.equals(currentPassword)) {
            problems.add(new Violation("newPassword", Refusal.of("org.samePassword")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        store(username, newPassword, false);
        audit.record(new AuditEntry(username, person.orgCode(), AuditAction.PASSWORD_CHANGED, null, null, null,
                Map.of("username", username), null, null));
    }

    /**
     * An officer resets someone's password: only for people they outrank (404 for people they cannot see, 403 for
     * their equals and superiors, themself and the bootstrap administrator). Returns the one-time password, shown
     * once to the officer to hand over.
     */
    @Transactional
    public String reset(String username, String actor) {
        Person person = people.get(username);
        rules.requireOutranks(actor, person);
        String oneTime = generate(username);
        store(username, oneTime, true);
        audit.record(new AuditEntry(actor, person.orgCode(), AuditAction.PASSWORD_RESET, null, null, null,
                Map.of("username", username), null, null));
        return oneTime;
    }

    /** Whether the person must change their password before doing anything else. */
    public boolean changeRequired(String username) {
        return jdbc.sql("select password_change_required from person where username = ?").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    private void store(String username, String password, boolean oneTime) {
        jdbc.sql("""
                update person set password_hash = ?, password_change_required = ?, password_changed_at = ?
                 where username = ?""")
                .params(passwords.encode(password), oneTime, Timestamp.from(clock.instant()), username).update();
    }

    private String generate(String username) {
        while (true) {
            StringBuilder b = new StringBuilder(GENERATED_LENGTH);
            for (int i = 0; i < GENERATED_LENGTH; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (PasswordPolicy.problem(username, b.toString()).isEmpty()) {
                return b.toString();
            }
        }
    }
}
