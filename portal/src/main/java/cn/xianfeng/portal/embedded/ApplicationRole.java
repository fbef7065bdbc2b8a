package cn.xianfeng.portal.embedded;

import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The role the application connects as on the embedded server: it logs in with its own password, owns the
 * application's tables (Flowable creates its own with it) but is no superuser, creates no roles or databases and
 * is a member of no other role — so it cannot act as {@code xianfeng_ledger}, the owner of the append-only tables
 * (see the engine's {@code LedgerTables}), nor run programs or read files of the server. Re-applied at every start.
 */
final class ApplicationRole {

    static final String NAME = "xianfeng_app";

    private ApplicationRole() {
    }

    static void ensure(PGSimpleDataSource superuser, String password) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("do $$ begin create role " + NAME + " login; "
                    + "exception when duplicate_object or unique_violation then null; end $$");
            s.execute("alter role " + NAME + " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            // the driver sends the SCRAM verifier computed here, never the password itself
            c.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
            for (String role : memberships(s)) {
                s.execute("revoke \"" + role.replace("\"", "\"\"") + "\" from " + NAME);
            }
            // only the application creates objects in public (PostgreSQL 14 lets everyone by default)
            s.execute("revoke create on schema public from public");
            s.execute("grant usage, create on schema public to " + NAME);
        }
    }

    private static List<String> memberships(Statement s) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid "
                + "join pg_roles a on a.oid = m.member where a.rolname = '" + NAME + "'")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }
}
