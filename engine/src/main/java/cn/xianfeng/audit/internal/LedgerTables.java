package cn.xianfeng.audit.internal;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * After every Flyway run, the append-only tables belong to {@value #LEDGER}, a role nobody logs in as and the
 * application is no member of: the application (its role: whoever the application's DataSource connects as) may
 * only read and insert there, and cannot disable, drop or replace their triggers, which only an owner can.
 *
 * <p>The convention, for every module: a table is append-only when it carries a trigger executing one of the
 * {@code audit_reject_*} functions (V2: {@code audit_reject_change()} refuses; {@code audit_reject_head_regress()}
 * guards a head that may only advance). Such a table and those trigger functions are handed to {@value #LEDGER};
 * the application gets SELECT and INSERT, UPDATE only when no row trigger refuses every UPDATE (guarded heads),
 * and USAGE on the table's sequences. Everything else the migrating role created in the schema is handed to the
 * application's role (when it is another, non-superuser role), so it owns its tables as Flowable's own.
 */
@Component
class LedgerTables implements Callback {

    static final String LEDGER = "xianfeng_ledger";
    private static final Logger log = LoggerFactory.getLogger(LedgerTables.class);
    private static final long LOCK = 0x78666C6564676572L; // "xfledger": one handover at a time per database

    private final ObjectProvider<DataSource> applicationDataSource;

    LedgerTables(ObjectProvider<DataSource> applicationDataSource) {
        this.applicationDataSource = applicationDataSource;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection flyway = context.getConnection();
            String application = applicationRole(flyway);
            String historyTable = context.getConfiguration().getTable();
            try (Statement s = flyway.createStatement()) {
                s.execute("select pg_catalog.pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("do $$ begin if not exists (select from pg_catalog.pg_roles where rolname = '" + LEDGER + "') "
                        + "then create role " + LEDGER + " nologin; end if; "
                        + "exception when duplicate_object or unique_violation then null; end $$");
                LedgerStatements ledger = new LedgerStatements(flyway, LEDGER, application);
                int count = execute(s, ledger.ownership());
                count += execute(s, ledger.grants());
                // the application owns the rest, unless it is the migrating role itself or a superuser (tests)
                if (!application.equals(currentUser(s)) && !ledger.isSuperuser(application)) {
                    count += execute(s, new ApplicationObjects(flyway, application, historyTable).handover());
                }
                if (count > 0) {
                    log.info("Ledger convention applied: {} statement(s); append-only tables belong to {}, the "
                            + "application's role is {}", count, LEDGER, application);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot hand the append-only tables to " + LEDGER + ": the migrating role "
                    + "needs to be a superuser, or a member of " + LEDGER + " and of the application's role "
                    + "(see the README's security section): " + e.getMessage(), e);
        }
    }

    private static int execute(Statement s, List<String> statements) throws SQLException {
        for (String statement : statements) {
            s.execute(statement);
        }
        return statements.size();
    }

    private static String currentUser(Statement s) throws SQLException {
        try (var rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String getCallbackName() {
        return "xianfeng-ledger-tables";
    }

    /** The application's role; the migrating role itself when the application shares Flyway's connection settings. */
    private String applicationRole(Connection flyway) throws SQLException {
        DataSource app = applicationDataSource.getIfUnique();
        try (Connection c = app != null ? app.getConnection() : null;
             Statement s = (c != null ? c : flyway).createStatement();
             var rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String toString() {
        return getCallbackName();
    }
}
