package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers a person (the caller's transaction). A new account is an applicant's (入党申请人), created by an officer of
 * the org; any other status registers an existing member (登记已有党员, imports included), which only an
 * ORG_DEPARTMENT or ADMIN of the org or above may do, audited as MEMBER_REGISTERED and kept in the member's status
 * history. The password must meet {@link PasswordPolicy} and is one-time: whoever set it knows it, so it must be
 * changed at the first sign-in.
 */
@Component
class PersonRegistration {

    private final JdbcClient jdbc;
    private final OrgAuthority authority;
    private final OrgRules rules;
    private final PersonValidator validator;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean demo;
    private final String demoPassword;
    /**
     * One hash of the published demo password for every demo account: BCrypt took a seventh of a first start's CPU
     * hashing the same known password once per account, and a shared salt hides nothing that is published anyway.
     */
    private volatile String demoPasswordHash;

    PersonRegistration(JdbcClient jdbc, OrgAuthority authority, OrgRules rules, PersonValidator validator,
                       PasswordEncoder passwords, AuditTrail audit, Clock clock,
                       @Value("${xianfeng.demo:true}") boolean demo,
                       @Value("${xianfeng.demo-password:demo-2026}") String demoPassword) {
        this.jdbc = jdbc;
        this.authority = authority;
        this.rules = rules;
        this.validator = validator;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.demo = demo;
        this.demoPassword = demoPassword;
    }

    void register(NewPerson person, String actor) {
        insert(person, actor, false);
    }

    /**
     * An account of the demo county (xianfeng.demo=true only) with the published demo password instead of a
     * policy-conforming one-time password; every other rule applies. For the demo loader, and tests that sign in
     * like the README's accounts; refused outright when the demo is off.
     */
    void registerDemoAccount(NewPerson person, String actor) {
        if (!demo) {
            throw new ForbiddenException(Refusal.of("org.demoOff"));
        }
        if (person.password() == null || !person.password().equals(demoPassword)) {
            throw InvalidInputException.of("password", Refusal.of("org.demoPassword"));
        }
        insert(person, actor, true);
    }

    private void insert(NewPerson person, String actor, boolean demoAccount) {
        List<InvalidInputException.Violation> problems = validator.check(person, !demoAccount);
        // an org the actor cannot see is as unknown as a missing one
        if (person.orgCode() != null && problems.stream().noneMatch(v -> v.field().equals("orgCode"))
                && !authority.maySee(actor, person.orgCode())) {
            problems.add(new InvalidInputException.Violation("orgCode", Refusal.of("org.unknownOrg")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        authority.requireManage(actor, person.orgCode());
        rules.requireMayRegister(actor, person.orgCode(), person.status());
        if (exists(person.username())) {
            throw new ConflictException(Refusal.of("org.usernameTaken", person.username()));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into person (username, name, birth_date, org_code, status, joined_date, password_hash,
                                    id_number, phone, password_change_required, ethnicity)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person.username(), person.name().strip(), person.birthDate(), person.orgCode(),
                        person.status().name(), person.joinedDate(), passwordHash(person, demoAccount),
                        PersonalData.normalized(person.idNumber()), PersonalData.normalized(person.phone()), !demoAccount,
                        Ethnicity.parse(person.ethnicity()).map(Ethnicity::name).orElse(null))
                .update();
        boolean registered = person.status() != MemberStatus.APPLICANT;
        if (registered) {
            jdbc.sql("insert into member_status_change (username, from_status, to_status, case_id, actor, at) values (?, null, ?, null, ?, ?)")
                    .params(person.username(), person.status().name(), actor, Timestamp.from(now)).update();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", person.username());
        data.put("name", person.name());
        data.put("orgCode", person.orgCode());
        data.put("status", person.status().name());
        if (demoAccount) {
            data.put("demoAccount", true);
        }
        audit.record(new AuditEntry(actor, person.orgCode(), registered ? cn.xianfeng.audit.AuditAction.MEMBER_REGISTERED : cn.xianfeng.audit.AuditAction.PERSON_CREATED,
                null, null, null, data, null, null));
    }

    private String passwordHash(NewPerson person, boolean demoAccount) {
        if (!demoAccount) {
            return passwords.encode(person.password());
        }
        String hash = demoPasswordHash;
        if (hash == null) {
            hash = passwords.encode(demoPassword);
            demoPasswordHash = hash;
        }
        return hash;
    }

    private boolean exists(String username) {
        return jdbc.sql("select count(*) from person where username = ?").param(username).query(Integer.class).single() > 0;
    }
}
