package cn.xianfeng.org;

import cn.xianfeng.common.ForbiddenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers "may X act in org Y" from the roles people hold in orgs and the tree above them. */
@Component
public class OrgAuthority {

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
        String names = String.join(",", java.util.Arrays.stream(roles).map(r -> "'" + r.name() + "'").toList());
        return jdbc.sql("""
                select exists (select 1 from role_assignment r
                                 join org_unit holder on holder.code = r.org_code
                                 join org_unit target on target.code = ?
                                where r.username = ? and r.role in (%s)
                                  and starts_with(target.path, holder.path))""".formatted(names))
                .params(orgCode, username).query(Boolean.class).single();
    }

    /** Officers (administrators, organization departments, secretaries) manage their subtree. */
    public boolean mayManage(String username, String orgCode) {
        return isSuperuser(username) || holdsAbove(username, orgCode, Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY);
    }

    /** Officers and auditors read their subtree. */
    public boolean mayRead(String username, String orgCode) {
        return isSuperuser(username)
                || holdsAbove(username, orgCode, Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY, Role.AUDITOR,
                Role.COMMITTEE_REVIEWER);
    }

    public void requireManage(String username, String orgCode) {
        if (!mayManage(username, orgCode)) {
            throw new ForbiddenException("无权管理组织 " + orgCode);
        }
    }

    public void requireSuperuser(String username) {
        if (!isSuperuser(username)) {
            throw new ForbiddenException("只有系统管理员可以执行此操作");
        }
    }
}
