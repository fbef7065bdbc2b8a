package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
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
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OrgRules rules;
    private final PersonRegistration registration;
    /** Everyone's roles, per username: every authorization reads them, a grant or revoke on any node drops them. */
    private final cn.xianfeng.cluster.GenerationCache<List<RoleGrant>> roles;

    People(JdbcClient jdbc, Orgs orgs, AuditTrail audit, ApplicationEventPublisher events, Clock clock, OrgRules rules,
           PersonRegistration registration, cn.xianfeng.cluster.Generations generations) {
        this.roles = generations.cache("roles", 50_000);
        this.rules = rules;
        this.registration = registration;
        this.jdbc = jdbc;
        this.orgs = orgs;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers a person. A new account is an applicant's (入党申请人), created by an officer of the org; any other
     * status registers an existing member (导入或登记已有党员), which only an ORG_DEPARTMENT or ADMIN of the org or
     * above may do, audited as MEMBER_REGISTERED and kept in the member's status history. The password must meet
     * the policy and is one-time: whoever set it knows it, so it must be changed at the first sign-in.
     */
    @Transactional
    public Person create(NewPerson person, String actor) {
        registration.register(person, actor);
        return get(person.username());
    }

    /** An account of the demo county with the published demo password; see {@link PersonRegistration}. */
    @Transactional
    public Person createDemoAccount(NewPerson person, String actor) {
        registration.registerDemoAccount(person, actor);
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

    /** The ethnicity (民族) of each of these people who has one recorded; one query. */
    public Map<String, Ethnicity> ethnicities(java.util.Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        Map<String, Ethnicity> out = new java.util.HashMap<>();
        jdbc.sql("select username, ethnicity from person where username = any(?) and ethnicity is not null")
                .param(usernames.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), Ethnicity.valueOf(rs.getString(2)))).list();
        return out;
    }

    /** The person's ethnicity (民族), where recorded. */
    public Optional<Ethnicity> ethnicity(String username) {
        return jdbc.sql("select ethnicity from person where username = ?").param(username).query(String.class)
                .list().stream().filter(java.util.Objects::nonNull).findFirst().map(Ethnicity::valueOf);
    }

    public Person get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException(Refusal.of("common.personNotFound", username)));
    }

    /** Everyone holding {@code role} in exactly {@code orgCode}: the people behind a candidate group. */
    public List<Person> holders(Role role, String orgCode) {
        return jdbc.sql(SELECT + " join role_assignment r on r.username = p.username where r.role = ? and r.org_code = ? order by p.username")
                .params(role.name(), orgCode).query(People::row).list().stream().map(this::withRoles).toList();
    }

    public List<Person> membersOf(String orgCode) {
        return jdbc.sql(SELECT + " where p.org_code = ? order by p.username").param(orgCode).query(People::row).list().stream().map(this::withRoles).toList();
    }

    /** Grants a role in an org; see {@link OrgRules} for who may hand on what to whom (404 for what they cannot see). */
    @Transactional
    public Person grant(String username, Role role, String orgCode, String actor) {
        Person person = get(username);
        rules.requireVisible(actor, person, orgCode);
        Org org = orgs.get(orgCode);
        if (role == Role.DUES_COLLECTOR && org.type() != OrgType.BRANCH) {
            // a collector records the dues of one branch; held in a committee it would reach a whole township
            throw InvalidInputException.of("orgCode", Refusal.of("org.collectorInBranch"));
        }
        rules.requireMayAssign(actor, person, role, org, true);
        if (person.holds(role, orgCode)) {
            throw new ConflictException(Refusal.of("org.roleHeld", Refusal.of("label.role." + role), orgCode));
        }
        roles.changing();
        jdbc.sql("insert into role_assignment (username, role, org_code) values (?, ?, ?)")
                .params(username, role.name(), orgCode).update();
        audit.record(new AuditEntry(actor, orgCode, AuditAction.ROLE_GRANTED, null, null, null,
                Map.of("username", username, "role", role.name(), "orgCode", orgCode), null, null));
        return get(username);
    }

    @Transactional
    public Person revoke(String username, Role role, String orgCode, String actor) {
        Person person = get(username);
        rules.requireVisible(actor, person, orgCode);
        Org org = orgs.get(orgCode);
        rules.requireMayAssign(actor, person, role, org, false);
        if (!person.holds(role, orgCode)) {
            throw new NotFoundException(Refusal.of("org.roleNotHeld", Refusal.of("label.role." + role), orgCode));
        }
        roles.changing();
        jdbc.sql("delete from role_assignment where username = ? and role = ? and org_code = ?")
                .params(username, role.name(), orgCode).update();
        audit.record(new AuditEntry(actor, orgCode, AuditAction.ROLE_REVOKED, null, null, null,
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
            // notices go to this address: only someone who could take over the account may redirect them
            rules.requireOutranks(actor, person);
        }
        if (email != null && !email.isBlank() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,20}")) {
            throw InvalidInputException.of("email", Refusal.of("org.email"));
        }
        jdbc.sql("update person set email = ? where username = ?")
                .params(email == null || email.isBlank() ? null : email.strip(), username).update();
        audit.record(new AuditEntry(actor, person.orgCode(), AuditAction.PERSON_UPDATED, null, null, null,
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
        audit.record(new AuditEntry(actor, orgCode, AuditAction.MEMBER_MOVED, caseId, null, null,
                Map.of("username", username, "from", String.valueOf(person.orgCode()), "to", orgCode), null, null));
        events.publishEvent(new OrgEvents.MemberMoved(username, person.orgCode(), orgCode, caseId, actor));
    }

    /** Display names of the given people, in one statement (documents that print many names); unknown ones absent. */
    public Map<String, String> names(java.util.Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("select username, name from person where username = any (?)")
                .param(usernames.toArray(String[]::new))
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
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
        return new Person(p.username(), p.name(), p.birthDate(), p.orgCode(), p.status(), p.joinedDate(), p.superuser(),
                rolesOf(p.username()));
    }

    /**
     * The candidate groups ({@code ROLE@org}) a person acts in: what task authorization asks on every step, from
     * the roles cache (no statement while nothing changed); empty for nobody.
     */
    public java.util.Set<String> groups(String username) {
        return rolesOf(username).stream().map(RoleGrant::group).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private List<RoleGrant> rolesOf(String username) {
        return roles.get(username, u -> jdbc.sql("select role, org_code from role_assignment where username = ? order by org_code, role")
                .param(u)
                .query((r, i) -> new RoleGrant(Role.valueOf(r.getString("role")), r.getString("org_code"))).list());
    }
}
