package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditTestSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger convention ({@link LedgerTables}) as another module would use it: a migration that gives a table the
 * append-only trigger is all it takes for the table to leave the application's hands. Here the migrating role is
 * the test's superuser and the application a separate role without privileges of its own, as in the embedded
 * default and a production set-up; the engine's own context (superuser for both) shows the audit tables handed over.
 */
class LedgerTablesTest extends AuditTestSupport {

    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String superuser;
    @Value("${spring.datasource.password}")
    String superuserPassword;

    /** The URL without a {@code user=} parameter (zonky puts one there), which would beat the role we log in as. */
    private String appUrl() {
        return url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    @Test
    void theAuditTablesBelongToTheLedgerRoleAfterStartup() {
        List<String> owners = jdbc.queryForList("select distinct pg_get_userbyid(relowner) from pg_class where relname in "
                + "('audit_event', 'audit_read', 'audit_anchor', 'audit_chain_head', 'audit_anchor_head', "
                + "'case_history_archive')", String.class);
        assertThat(owners).containsExactly(LedgerTables.LEDGER);
        assertThat(jdbc.queryForObject("select pg_get_userbyid(proowner) from pg_proc where proname = 'audit_reject_change'",
                String.class)).isEqualTo(LedgerTables.LEDGER);
        assertThat(jdbc.queryForObject("select rolcanlogin from pg_roles where rolname = ?", Boolean.class,
                LedgerTables.LEDGER)).isFalse();
    }

    @Test
    void aTableGivenTheAppendOnlyTriggerLeavesTheApplicationsHands() throws Exception {
        String app = "xf_app_" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        jdbc.execute("create role " + app + " login password '" + password + "'");
        try {
            // a module's table, first created and used by the application (as issued_document was)
            jdbc.execute("create table probe_issued (id bigint generated always as identity primary key, body text)");
            jdbc.execute("create table probe_counter (id bigserial primary key, n int)");
            jdbc.execute("alter table probe_issued owner to " + app);
            migrateWithCallback(app, password);
            try (Connection c = DriverManager.getConnection(appUrl(), app, password); Statement s = c.createStatement();
                 var rs = s.executeQuery("select current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("connected as the application's role").isEqualTo(app);
            }
            assertThat(owner("probe_issued")).isEqualTo(app);
            assertThat(owner("probe_counter")).as("the migrating role's objects go to the application").isEqualTo(app);

            // the module's next migration makes it append-only, following the convention, and a ledger table of its own
            jdbc.execute("create trigger probe_issued_append_only before update or delete on probe_issued "
                    + "for each row execute function audit_reject_change()");
            jdbc.execute("create trigger probe_issued_no_truncate before truncate on probe_issued "
                    + "for each statement execute function audit_reject_change()");
            jdbc.execute("create table probe_ledger (id bigserial primary key, v text)");
            jdbc.execute("create trigger probe_ledger_append_only before update or delete on probe_ledger "
                    + "for each row execute function audit_reject_change()");
            migrateWithCallback(app, password);

            for (String table : List.of("probe_issued", "probe_ledger")) {
                assertThat(owner(table)).as(table).isEqualTo(LedgerTables.LEDGER);
                String column = table.equals("probe_issued") ? "body" : "v";
                try (Connection c = DriverManager.getConnection(appUrl(), app, password); Statement s = c.createStatement()) {
                    s.execute("insert into " + table + " (" + column + ") values ('a')");
                    assertThat(count(s, table)).isEqualTo(1);
                    refused(s, "update " + table + " set " + column + " = 'b'", "permission denied");
                    refused(s, "delete from " + table, "permission denied");
                    refused(s, "truncate " + table, "permission denied");
                    refused(s, "alter table " + table + " disable trigger all", "must be owner");
                    refused(s, "drop table " + table, "must be owner");
                }
            }
            try (Connection c = DriverManager.getConnection(appUrl(), app, password); Statement s = c.createStatement()) {
                refused(s, "create or replace function audit_reject_change() returns trigger language plpgsql "
                        + "as $$ begin return new; end $$", "must be owner");
                refused(s, "set role " + LedgerTables.LEDGER, "permission denied");
                // the application's own table stays its own
                s.execute("update probe_counter set n = 1");
            }
            try (Connection c = DriverManager.getConnection(url, superuser, superuserPassword)) {
                LedgerStatements again = new LedgerStatements(c, LedgerTables.LEDGER, app);
                assertThat(again.ownership()).as("a second run finds nothing to hand over").isEmpty();
                assertThat(again.grants()).as("nor to grant").isEmpty();
            }
        } finally {
            jdbc.execute("reassign owned by " + app + " to " + superuser);
            jdbc.execute("drop owned by " + app);
            jdbc.execute("drop role " + app);
        }
    }

    /** Flyway as the migrating role (the superuser), the application's DataSource as the given role. */
    private void migrateWithCallback(String app, String password) {
        DataSource application = new DriverManagerDataSource(appUrl(), app, password);
        Flyway.configure().dataSource(url, superuser, superuserPassword).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0")
                .callbacks(new LedgerTables(provider(() -> application))).load().migrate();
    }

    private String owner(String table) {
        return jdbc.queryForObject("select pg_get_userbyid(relowner) from pg_class where relname = ?", String.class, table);
    }

    private static long count(Statement s, String table) throws SQLException {
        try (var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void refused(Statement s, String sql, String reason) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(reason);
    }

    private static ObjectProvider<DataSource> provider(Supplier<DataSource> dataSource) {
        return new ObjectProvider<>() {
            @Override
            public DataSource getObject(Object... args) {
                return dataSource.get();
            }

            @Override
            public DataSource getIfAvailable() {
                return dataSource.get();
            }

            @Override
            public DataSource getIfUnique() {
                return dataSource.get();
            }

            @Override
            public DataSource getObject() {
                return dataSource.get();
            }

            @Override
            public Stream<DataSource> stream() {
                return Stream.of(dataSource.get());
            }
        };
    }
}
