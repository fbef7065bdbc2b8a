package cn.xianfeng.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the migrating role created in the current schema and still owns, handed to the application's role: its
 * tables, views, sequences, functions and types (Flowable's tables on a database an older version created as the
 * superuser included). Run after the ledger's share was taken, so those are no longer the migrating role's.
 * Flyway's own history table stays with the migrating role; objects of extensions stay where they are.
 */
final class ApplicationObjects {

    private static final String RELATIONS = """
            select c.oid::regclass::text, c.relkind from pg_catalog.pg_class c
            where c.relnamespace = pg_catalog.current_schema()::regnamespace
              and c.relowner = (select oid from pg_catalog.pg_roles where rolname = current_user)
              and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S', 'c') and c.relname <> ?
              and not exists (select from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::regclass
                              and d.objid = c.oid and (d.deptype = 'e' or (c.relkind = 'S' and d.deptype in ('a', 'i'))))
            order by 1""";
    private static final String ROUTINES = """
            select p.oid::regprocedure::text from pg_catalog.pg_proc p
            where p.pronamespace = pg_catalog.current_schema()::regnamespace
              and p.proowner = (select oid from pg_catalog.pg_roles where rolname = current_user)
              and not exists (select from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_proc'::regclass
                              and d.objid = p.oid and d.deptype = 'e')
            order by 1""";
    private static final String TYPES = """
            select t.oid::regtype::text, t.typtype from pg_catalog.pg_type t
            where t.typnamespace = pg_catalog.current_schema()::regnamespace and t.typtype in ('e', 'd', 'r')
              and t.typowner = (select oid from pg_catalog.pg_roles where rolname = current_user)
              and not exists (select from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_type'::regclass
                              and d.objid = t.oid and d.deptype = 'e')
            order by 1""";

    private final Connection connection;
    private final String application;
    private final String historyTable;

    ApplicationObjects(Connection connection, String application, String historyTable) {
        this.connection = connection;
        this.application = application;
        this.historyTable = historyTable;
    }

    List<String> handover() throws SQLException {
        String to = " owner to " + LedgerStatements.quote(application);
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(RELATIONS)) {
            ps.setString(1, historyTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("alter " + relationKind(rs.getString(2)) + " " + rs.getString(1) + to);
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(ROUTINES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add("alter routine " + rs.getString(1) + to);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(TYPES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add("alter " + ("d".equals(rs.getString(2)) ? "domain " : "type ") + rs.getString(1) + to);
            }
        }
        return out;
    }

    private static String relationKind(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            case "S" -> "sequence";
            case "c" -> "type";
            default -> "table";
        };
    }
}
