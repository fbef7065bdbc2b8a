package cn.xianfeng.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements that bring the current schema to the ledger convention of {@link LedgerTables}; none when it is
 * there already. Names come from the catalog as {@code regclass}/{@code regprocedure} text, quoted by PostgreSQL.
 */
final class LedgerStatements {

    /** Tables carrying a trigger of an audit_reject_* function; whether a row trigger refuses every UPDATE. */
    private static final String LEDGER_TABLES = """
            select c.oid::regclass::text, pg_catalog.pg_get_userbyid(c.relowner),
                   bool_or(p.proname = 'audit_reject_change' and (t.tgtype & 1) <> 0 and (t.tgtype & 16) <> 0
                           and t.tgqual is null and pg_catalog.cardinality(t.tgattr::int2[]) = 0)
            from pg_catalog.pg_trigger t
            join pg_catalog.pg_class c on c.oid = t.tgrelid
            join pg_catalog.pg_proc p on p.oid = t.tgfoid
            where c.relnamespace = pg_catalog.current_schema()::regnamespace and not t.tgisinternal
              and p.proname like 'audit\\_reject\\_%'
            group by c.oid, c.relowner order by 1""";
    private static final String TRIGGER_FUNCTIONS = """
            select distinct p.oid::regprocedure::text from pg_catalog.pg_trigger t
            join pg_catalog.pg_proc p on p.oid = t.tgfoid
            where t.tgrelid = ?::regclass and not t.tgisinternal
              and p.proowner is distinct from (select oid from pg_catalog.pg_roles where rolname = ?)""";
    private static final String OWNED_SEQUENCES = """
            select d.objid::regclass::text from pg_catalog.pg_depend d
            join pg_catalog.pg_class s on s.oid = d.objid
            where d.refobjid = ?::regclass and d.classid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')
              -- CASE: the privilege function fails on what is not a sequence, whatever order the planner picks
              and case when s.relkind = 'S' then not pg_catalog.has_sequence_privilege(?, d.objid, 'USAGE') else false end
            """;
    private static final String[] PRIVILEGES = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"};

    private final Connection connection;
    private final String ledger;
    private final String application;

    LedgerStatements(Connection connection, String ledger, String application) {
        this.connection = connection;
        this.ledger = ledger;
        this.application = application;
    }

    /** Ownership first: the application's privileges read before a handover would be those of an owner. */
    List<String> ownership() throws SQLException {
        List<String> out = new ArrayList<>();
        Set<String> ledgerFunctions = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(LEDGER_TABLES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!ledger.equals(rs.getString(2))) {
                    out.add("alter table " + table + " owner to " + quote(ledger));
                }
                ledgerFunctions.addAll(strings(TRIGGER_FUNCTIONS, table, ledger));
            }
        }
        for (String function : ledgerFunctions) {
            out.add("alter function " + function + " owner to " + quote(ledger));
        }
        return out;
    }

    /** Then the application's privileges on the ledger's tables, as far as they differ from the convention. */
    List<String> grants() throws SQLException {
        List<String> out = new ArrayList<>();
        if (isSuperuser(application) || application.equals(ledger)) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(LEDGER_TABLES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.addAll(grants(rs.getString(1), !rs.getBoolean(3)));
            }
        }
        return out;
    }

    /** SELECT, INSERT (and UPDATE when guarded, not refused) for the application; nothing else, to anyone. */
    private List<String> grants(String table, boolean updateAllowed) throws SQLException {
        Set<String> wanted = updateAllowed ? Set.of("SELECT", "INSERT", "UPDATE") : Set.of("SELECT", "INSERT");
        List<String> out = new ArrayList<>();
        boolean differs = false;
        for (String privilege : PRIVILEGES) {
            differs |= hasTablePrivilege(table, privilege) != wanted.contains(privilege);
        }
        if (differs) {
            out.add("revoke all on table " + table + " from public, " + quote(application));
            out.add("grant " + String.join(", ", wanted.stream().sorted().toList()) + " on table " + table + " to "
                    + quote(application));
        }
        for (String sequence : strings(OWNED_SEQUENCES, table, application)) {
            out.add("grant usage, select on sequence " + sequence + " to " + quote(application));
        }
        return out;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private boolean hasTablePrivilege(String table, String privilege) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_catalog.has_table_privilege(?, ?::regclass, ?)")) {
            ps.setString(1, application);
            ps.setString(2, table);
            ps.setString(3, privilege);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    boolean isSuperuser(String role) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select rolsuper from pg_catalog.pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    List<String> strings(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
