package cn.xianfeng.org;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** People, their member status and the roles they hold in orgs. */
@Service
public class People {

    private static final String SELECT = """
            select p.username, p.name, p.birth_date, p.org_code, p.status, p.joined_date, p.superuser
              from person p""";

    private final JdbcClient jdbc;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final PersonValidator validator;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    People(JdbcClient jdbc, Orgs orgs, OrgAuthority authority, PersonValidator validator, PasswordEncoder passwords,
           AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.orgs = orgs;
        this.authority = authority;
        this.validator = validator;
        this.passwords = passwords;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Person create(NewPerson person, String actor) {
        List<InvalidInputException.Violation> problems = validator.check(person);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        authority.requireManage(actor, person.orgCode());
        if (find(person.username()).isPresent()) {
            throw new ConflictException("用户名已存在：" + person.username());
        }
        jdbc.sql("""
                insert into person (username, name, birth_date, org_code, status, joined_date, password_hash,
                                    id_number, phone)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(person.username(), person.name().strip(), person.birthDate(), person.orgCode(),
                        person.status().name(), person.joinedDate(), passwords.encode(person.password()),
                        PersonalData.normalized(person.idNumber()), PersonalData.normalized(person.phone()))
                .update();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", person.username());
        data.put("name", person.name());
        data.put("orgCode", person.orgCode());
        data.put("status", person.status().name());
        audit.record(new AuditEntry(actor, person.orgCode(), "PERSON_CREATED", null, null, null, data, null, null));
        return get(person.username());
    }

    /** The people of an org's subtree, a page at a time, ordered by org then username. */
    public cn.xianfeng.common.Page<Person> inSubtree(String orgCode, int page, int size) {
        String path = orgs.get(orgCode).path();
        long total = jdbc.sql("select count(*) from person p join org_unit o on o.code = p.org_code where starts_with(o.path, ?)")
                .param(path).query(Long.class).single();
        List<Person> items = jdbc.sql(SELECT + " join org_unit o on o.code = p.org_code where starts_with(o.path, ?)"
                        + " order by p.org_code, p.username limit ? offset ?")
                .params(path, size, (long) page * size).query(People::row).list().stream().map(this::withRoles).toList();
        return new cn.xianfeng.common.Page<>(items, total);
    }

    public Optional<Person> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where p.username = ?").param(username).query(People::row).optional().map(this::withRoles);
    }

    public Person get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("人员不存在：" + username));
    }

    /** Everyone holding {@code role} in exactly {@code orgCode}: the people behind a candidate group. */
    public List<Person> holders(Role role, String orgCode) {
        return jdbc.sql(SELECT + " join role_assignment r on r.username = p.username where r.role = ? and r.org_code = ? order by p.username")
                .params(role.name(), orgCode).query(People::row).list().stream().map(this::withRoles).toList();
    }

    public List<Person> membersOf(String orgCode) {
        return jdbc.sql(SELECT + " where p.org_code = ? order by p.username").param(orgCode).query(People::row).list().stream().map(this::withRoles).toList();
    }

    /**
     * Officers manage roles in their subtree, but no one raises their own powers, and the county-wide roles
     * (ADMIN, ORG_DEPARTMENT, AUDITOR, DISPATCHER: checked by role, wherever held) come only from an ADMIN or
     * ORG_DEPARTMENT above — a branch secretary granting ADMIN at the branch would otherwise become an admin.
     */
    private void requireMayAssign(String actor, String username, Role role, String orgCode) {
        authority.requireManage(actor, orgCode);
        if (role == Role.DUES_COLLECTOR && orgs.get(orgCode).type() != OrgType.BRANCH) {
            // a collector records the dues of one branch; held in a committee it would reach a whole township
            throw InvalidInputException.of("orgCode", "党费收缴员只能在党支部中任命");
        }
        if (authority.isSuperuser(actor)) {
            return;
        }
        if (actor.equals(username)) {
            throw new ForbiddenException("不能调整自己的角色");
        }
        boolean countyWide = role == Role.ADMIN || role == Role.ORG_DEPARTMENT || role == Role.AUDITOR
                || role == Role.DISPATCHER;
        if (countyWide && !authority.holdsAbove(actor, orgCode, role == Role.ADMIN
                ? new Role[]{Role.ADMIN} : new Role[]{Role.ADMIN, Role.ORG_DEPARTMENT})) {
            throw new ForbiddenException("无权授予或撤销 " + role + " 角色");
        }
    }

    @Transactional
    public Person grant(String username, Role role, String orgCode, String actor) {
        Person person = get(username);
        orgs.get(orgCode);
        requireMayAssign(actor, username, role, orgCode);
        if (person.holds(role, orgCode)) {
            throw new ConflictException("已担任该角色：" + RoleGrant.group(role, orgCode));
        }
        jdbc.sql("insert into role_assignment (username, role, org_code) values (?, ?, ?)")
                .params(username, role.name(), orgCode).update();
        audit.record(new AuditEntry(actor, orgCode, "ROLE_GRANTED", null, null, null,
                Map.of("username", username, "role", role.name(), "orgCode", orgCode), null, null));
        return get(username);
    }

    @Transactional
    public Person revoke(String username, Role role, String orgCode, String actor) {
        Person person = get(username);
        requireMayAssign(actor, username, role, orgCode);
        if (!person.holds(role, orgCode)) {
            throw new NotFoundException("未担任该角色：" + RoleGrant.group(role, orgCode));
        }
        jdbc.sql("delete from role_assignment where username = ? and role = ? and org_code = ?")
                .params(username, role.name(), orgCode).update();
        audit.record(new AuditEntry(actor, orgCode, "ROLE_REVOKED", null, null, null,
                Map.of("username", username, "role", role.name(), "orgCode", orgCode), null, null));
        return get(username);
    }

    /** Moves a member to a new status as a procedure decided it; the change is kept with its case. */
    @Transactional
    public void changeStatus(String username, MemberStatus to, String caseId, String actor) {
        Person person = get(username);
        if (person.status() == to) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("update person set status = ? where username = ?").params(to.name(), username).update();
        jdbc.sql("insert into member_status_change (username, from_status, to_status, case_id, actor, at) values (?, ?, ?, ?, ?, ?)")
                .params(username, person.status() == null ? null : person.status().name(), to.name(), caseId, actor,
                        java.sql.Timestamp.from(now)).update();
        events.publishEvent(new OrgEvents.MemberStatusChanged(username, person.status(), to, caseId, actor));
    }

    /** The address notices are mailed to (optional); the person themselves or an officer of their org sets it. */
    @Transactional
    public void setEmail(String username, String email, String actor) {
        Person person = get(username);
        if (!username.equals(actor)) {
            authority.requireManage(actor, person.orgCode());
        }
        if (email != null && !email.isBlank() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,20}")) {
            throw InvalidInputException.of("email", "邮箱格式不正确");
        }
        jdbc.sql("update person set email = ? where username = ?")
                .params(email == null || email.isBlank() ? null : email.strip(), username).update();
        audit.record(new AuditEntry(actor, person.orgCode(), "PERSON_UPDATED", null, null, null,
                Map.of("username", username, "field", "email"), null, null));
    }

    public Optional<String> email(String username) {
        return jdbc.sql("select email from person where username = ?").param(username).query(String.class).optional()
                .filter(e -> e != null && !e.isBlank());
    }

    /** Moves a member to another org (a group of their branch, a new branch) as a procedure decided it. */
    @Transactional
    public void moveTo(String username, String orgCode, String caseId, String actor) {
        Person person = get(username);
        orgs.get(orgCode);
        if (orgCode.equals(person.orgCode())) {
            return;
        }
        jdbc.sql("update person set org_code = ? where username = ?").params(orgCode, username).update();
        audit.record(new AuditEntry(actor, orgCode, "MEMBER_MOVED", caseId, null, null,
                Map.of("username", username, "from", String.valueOf(person.orgCode()), "to", orgCode), null, null));
        events.publishEvent(new OrgEvents.MemberMoved(username, person.orgCode(), orgCode, caseId, actor));
    }

    /**
     * The person's row alone: the roles are read after its result set is closed. Reading them inside the row
     * mapper took a second pooled connection while holding the first, so enough concurrent requests outside a
     * transaction each held one and waited for another until the pool timed out (seen under 32 HTTP clients).
     */
    private static Person row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String status = rs.getString("status");
        return new Person(rs.getString("username"), rs.getString("name"), rs.getObject("birth_date", java.time.LocalDate.class),
                rs.getString("org_code"), status == null ? null : MemberStatus.valueOf(status),
                rs.getObject("joined_date", java.time.LocalDate.class), rs.getBoolean("superuser"), List.of());
    }

    private Person withRoles(Person p) {
        List<RoleGrant> roles = jdbc.sql("select role, org_code from role_assignment where username = ? order by org_code, role")
                .param(p.username())
                .query((r, i) -> new RoleGrant(Role.valueOf(r.getString("role")), r.getString("org_code"))).list();
        return new Person(p.username(), p.name(), p.birthDate(), p.orgCode(), p.status(), p.joinedDate(), p.superuser(), roles);
    }
}
