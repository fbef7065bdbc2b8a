package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers "may X act in org Y" from the roles people hold in orgs and the tree above them. */
@Component
public class OrgAuthority {

    /** Who reads an org's subtree besides superusers ({@link #mayRead}): officers, auditors and reviewers. */
    private static final Role[] READERS = {Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY, Role.AUDITOR,
            Role.COMMITTEE_REVIEWER};

    private final JdbcClient jdbc;

    OrgAuthority(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isSuperuser(String username) {
        return jdbc.sql("select superuser from person where username = ?").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    /** True when the person holds one of the roles in {@code orgCode} or in an org above it. */
    public boolean holdsAbove(String username, String orgCode, Role... roles) {
        if (roles.length == 0) {
            return false;
        }
        return jdbc.sql("select " + holdsAboveSql("?", "?", roles)).params(orgCode, username).query(Boolean.class).single();
    }

    /** True when the person holds one of the roles in any org. */
    public boolean holdsAnywhere(String username, Role... roles) {
        return jdbc.sql("select exists (select 1 from role_assignment where username = :user and role in (:roles))")
                .param("user", username).param("roles", java.util.Arrays.stream(roles).map(Role::name).toList())
                .query(Boolean.class).single();
    }

    /** Officers (administrators, organization departments, secretaries) manage their subtree. */
    public boolean mayManage(String username, String orgCode) {
        return isSuperuser(username) || holdsAbove(username, orgCode, Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY);
    }

    /** Officers and auditors read their subtree; asked once per read-only transaction (see {@link ReadOnlyAnswers}). */
    public boolean mayRead(String username, String orgCode) {
        // one statement, not isSuperuser then holdsAbove: every read of a case asks it
        return ReadOnlyAnswers.of(java.util.Arrays.asList("mayRead", username, orgCode),
                () -> jdbc.sql("select " + mayReadSql("?", "?")).params(username, orgCode, username)
                        .query(Boolean.class).single());
    }

    /**
     * SQL, a boolean: whether the person {@code user} (a parameter or expression) holds one of {@code roles} in the org
     * {@code orgCode} (a parameter or expression, evaluated first) or in an org above it. {@link #holdsAbove} asks it
     * alone; a statement that reads other things in the same round trip (a case and its viewer's standing) embeds it,
     * so the rule stays written once.
     */
    public static String holdsAboveSql(String user, String orgCode, Role... roles) {
        if (roles.length == 0) {
            return "false";
        }
        String names = String.join(",", java.util.Arrays.stream(roles).map(r -> "'" + r.name() + "'").toList());
        return """
                exists (select 1 from role_assignment r
                          join org_unit holder on holder.code = r.org_code
                          join org_unit target on target.code = %s
                         where r.username = %s and r.role in (%s)
                           and starts_with(target.path, holder.path))""".formatted(orgCode, user, names);
    }

    /** SQL, a boolean: {@link #mayRead} for a statement that embeds it ({@code user} is used twice, first). */
    public static String mayReadSql(String user, String orgCode) {
        return "(" + superuserSql(user) + " or " + holdsAboveSql(user, orgCode, READERS) + ")";
    }

    /** SQL, a boolean: whether the person {@code user} (a parameter or expression) is a superuser. */
    public static String superuserSql(String user) {
        return "exists (select 1 from person where username = " + user + " and superuser)";
    }

    public void requireManage(String username, String orgCode) {
        if (!mayManage(username, orgCode)) {
            throw new ForbiddenException(Refusal.of("org.notManager", orgCode));
        }
    }

    /**
     * Whether the org exists for this person at all: orgs they read (officers, auditors, reviewers: their subtrees),
     * and the orgs above their own org and above every org they hold a role in. Anything else answers as unknown, so
     * that nobody learns which orgs another county has.
     */
    public boolean maySee(String username, String orgCode) {
        return mayRead(username, orgCode) || jdbc.sql("""
                select exists (select 1 from org_unit target
                                where target.code = :org
                                  and exists (select 1 from org_unit mine
                                               where starts_with(mine.path, target.path)
                                                 and (mine.code = (select org_code from person where username = :user)
                                                      or mine.code in (select org_code from role_assignment
                                                                        where username = :user))))""")
                .param("org", orgCode).param("user", username).query(Boolean.class).single();
    }

    /** Every role the person holds in {@code orgCode} or an org above it, with the type of the org it is held in. */
    public java.util.List<HeldRole> rolesAbove(String username, String orgCode) {
        return jdbc.sql("""
                select r.role, holder.type from role_assignment r
                  join org_unit holder on holder.code = r.org_code
                  join org_unit target on target.code = ?
                 where r.username = ? and starts_with(target.path, holder.path)""")
                .params(orgCode, username)
                .query((rs, i) -> new HeldRole(Role.valueOf(rs.getString("role")), OrgType.valueOf(rs.getString("type"))))
                .list();
    }

    /** Whether two orgs lie under the same top-level committee (the county). */
    public boolean sameCounty(String orgCode, String otherOrgCode) {
        return jdbc.sql("""
                select split_part(a.path, '/', 2) = split_part(b.path, '/', 2)
                  from org_unit a, org_unit b where a.code = ? and b.code = ?""")
                .params(orgCode, otherOrgCode).query(Boolean.class).optional().orElse(false);
    }

    /** A role someone holds, and the type of the org they hold it in. */
    public record HeldRole(Role role, OrgType orgType) {
    }

    public void requireSuperuser(String username) {
        if (!isSuperuser(username)) {
            throw new ForbiddenException(Refusal.of("org.globalAdminOnly"));
        }
    }
}
