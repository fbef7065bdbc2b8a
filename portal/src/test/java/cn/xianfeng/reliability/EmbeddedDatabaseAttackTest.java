package cn.xianfeng.reliability;

import cn.xianfeng.reliability.EmbeddedPortal.Started;
import cn.xianfeng.reliability.Psql.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 2, performed as the attack: a local process against the embedded PostgreSQL of a portal started
 * as {@code scripts/run} starts it, over psql. Without the password nobody gets in; with the application's own
 * password (what an SQL injection or a stolen pool connection would have) the append-only tables cannot be
 * rewritten, their triggers not disabled or replaced, no program run and no server file (the keystore password)
 * read; the generated secrets are owner-only files, never in the log. Then the same directory is turned back into
 * what an older version left (trust for everyone, every table the superuser's, the keystore under the former
 * constant password) and a restart must upgrade it.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseAttackTest {

    static final Path DATA = Path.of("target", "embedded-attack", "data").toAbsolutePath();
    static final String LEGACY_KEYSTORE_PASSWORD = "xianfeng-development";
    static Started started;

    @BeforeAll
    static void startOnTheEmbeddedDefault() throws Exception {
        LegacyDataDirectory.deleteRecursively(DATA.getParent());
        started = EmbeddedPortal.start(DATA, DATA.resolveSibling("portal.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (started != null) {
            started.portal().close();
        }
    }

    @Test
    @Order(1)
    void aFreshDataDirectoryAdmitsNoOneWithoutAPasswordAndTheApplicationCannotRewriteTheLedger() throws Exception {
        System.out.println("attacking over " + (Psql.viaPsql() ? "psql" : "JDBC (no psql installed)"));
        assertSecretsAreOwnerOnlyAndNeverLogged(started, true);
        assertNoOneGetsInWithoutThePassword(started);
        assertTheApplicationRunsAsANonSuperuser(started);
        assertTheApplicationStillWritesTheLedgerAsItsRole(started);
        assertTheApplicationRoleCannotRewriteTheLedger(started);
        assertTheKeystorePasswordIsRandomAndOutOfReach(started);
        // the admin password exists only in its file: reading it there is the documented way in
        CrashTest.assertAuditChainVerifies(started.portal().port, started.read("admin.password"));
    }

    @Test
    @Order(2)
    void aDataDirectoryOfAnOlderVersionIsUpgradedAtStart() throws Exception {
        String certificateBefore = certificate(started);
        String keystorePasswordBefore = started.read("signing-keystore.password");
        // an older version printed it; the upgrade keeps the account as it is
        String adminPassword = started.read("admin.password");
        started.portal().close();
        LegacyDataDirectory.downgrade(DATA, started.read("postgres-superuser.password"), keystorePasswordBefore,
                LEGACY_KEYSTORE_PASSWORD);
        assertThat(Files.exists(DATA.resolve("secrets"))).as("the older version had no secrets directory").isFalse();

        started = EmbeddedPortal.start(DATA, DATA.resolveSibling("portal-upgraded.log"));

        assertThat(Files.readString(DATA.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
        assertSecretsAreOwnerOnlyAndNeverLogged(started, false);
        assertNoOneGetsInWithoutThePassword(started);
        assertTheApplicationRunsAsANonSuperuser(started);
        assertTheApplicationStillWritesTheLedgerAsItsRole(started);
        assertTheApplicationRoleCannotRewriteTheLedger(started);
        // Flowable's tables, which the superuser created before, are the application's now
        assertThat(asSuperuser(started, "select pg_get_userbyid(relowner) from pg_class where relname = 'act_ge_property'"))
                .isEqualTo("xianfeng_app");
        assertThat(asSuperuser(started, "select count(*) from pg_class where relnamespace = 'public'::regnamespace "
                + "and relkind in ('r', 'S', 'v') and pg_get_userbyid(relowner) = 'postgres' "
                + "and relname <> 'flyway_schema_history'")).as("objects still the superuser's").isEqualTo("0");
        // the development key is the same, now under a generated password instead of the constant
        assertThat(certificate(started)).isEqualTo(certificateBefore);
        String keystorePassword = started.read("signing-keystore.password");
        assertThat(keystorePassword).isNotEqualTo(keystorePasswordBefore).isNotEqualTo(LEGACY_KEYSTORE_PASSWORD);
        assertThat(opens(keystorePassword)).isTrue();
        assertThat(opens(LEGACY_KEYSTORE_PASSWORD)).isFalse();
        CrashTest.assertAuditChainVerifies(started.portal().port, adminPassword);
    }

    /** The admin password file exists when this start created the account (not on an upgraded directory). */
    static void assertSecretsAreOwnerOnlyAndNeverLogged(Started s, boolean adminCreated) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.dataDir().resolve("secrets"))))
                .isEqualTo("rwx------");
        String log = Files.readString(s.portal().log(), StandardCharsets.UTF_8);
        List<String> secrets = adminCreated ? List.of("postgres-superuser.password", "postgres-app.password",
                "signing-keystore.password", "admin.password")
                : List.of("postgres-superuser.password", "postgres-app.password", "signing-keystore.password");
        for (String name : secrets) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.secret(name)))).as(name)
                    .isEqualTo("rw-------");
            String secret = s.read(name);
            assertThat(secret).as(name).hasSizeGreaterThanOrEqualTo(20);
            assertThat(log).as("the log must not contain " + name).doesNotContain(secret);
        }
        if (adminCreated) {
            assertThat(log).as("the log says where the admin password is").contains(s.secret("admin.password").toString());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                s.dataDir().resolve("signing").resolve("development.p12")))).isEqualTo("rw-------");
    }

    static void assertNoOneGetsInWithoutThePassword(Started s) throws Exception {
        for (String user : List.of("postgres", "xianfeng_app", "xianfeng_ledger")) {
            Result none = Psql.run(s.databasePort(), user, null, "select 1");
            assertThat(none.refused()).as(user + " without a password: " + none.output()).isTrue();
            assertThat(none.output()).containsAnyOf("no password supplied", "password authentication failed");
            for (String guess : List.of("postgres", "", user)) {
                Result wrong = Psql.run(s.databasePort(), user, guess, "select 1");
                assertThat(wrong.refused()).as(user + " with '" + guess + "': " + wrong.output()).isTrue();
            }
        }
        Result ledger = Psql.run(s.databasePort(), "xianfeng_ledger", s.read("postgres-app.password"), "select 1");
        assertThat(ledger.refused()).as("the ledger role cannot log in: " + ledger.output()).isTrue();
    }

    static void assertTheApplicationRunsAsANonSuperuser(Started s) throws Exception {
        assertThat(asSuperuser(s, "select string_agg(distinct usename, ',') from pg_stat_activity "
                + "where backend_type = 'client backend' and pid <> pg_backend_pid()"))
                .as("every connection of the running portal").isEqualTo("xianfeng_app");
        assertThat(asSuperuser(s, "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls or rolreplication "
                + "from pg_roles where rolname = 'xianfeng_app'")).isEqualTo("f");
        assertThat(asSuperuser(s, "select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member "
                + "where r.rolname = 'xianfeng_app'")).as("roles xianfeng_app is a member of").isEqualTo("0");
    }

    /** What the portal does as xianfeng_app: append audit events, log an auditor's reads, issue a document. */
    static void assertTheApplicationStillWritesTheLedgerAsItsRole(Started s) throws Exception {
        int port = s.portal().port;
        HttpResponse<String> filed = PortalClient.basic(port, "zhaoliu", PortalClient.DEMO, "POST", "/api/cases",
                "{\"process\":\"report\",\"subject\":\"角色\",\"data\":{\"title\":\"学习情况\",\"content\":\"已完成\","
                        + "\"reportDate\":\"2020-01-02\"}}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String caseId = PortalClient.field(filed.body(), "id");
        String reads = asSuperuser(s, "select count(*) from audit_read");
        HttpResponse<String> read = PortalClient.basic(port, "huangli", PortalClient.DEMO, "GET", "/api/cases/" + caseId, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        HttpResponse<String> dossier = PortalClient.basic(port, "huangli", PortalClient.DEMO, "GET",
                "/api/cases/" + caseId + "/dossier.pdf", null);
        assertThat(dossier.statusCode()).as("the auditor's dossier").isEqualTo(200);
        assertThat(Integer.parseInt(asSuperuser(s, "select count(*) from audit_read"))).as("reads logged")
                .isGreaterThan(Integer.parseInt(reads));
        assertThat(Files.readString(s.portal().log(), StandardCharsets.UTF_8)).doesNotContain("permission denied");
    }

    static void assertTheApplicationRoleCannotRewriteTheLedger(Started s) throws Exception {
        String app = s.read("postgres-app.password");
        List<String> ledger = asSuperuser(s, """
                select distinct c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
                join pg_proc p on p.oid = t.tgfoid where not t.tgisinternal and p.proname like 'audit\\_reject\\_%'
                order by 1""").lines().toList();
        assertThat(ledger).contains("audit_event", "audit_read", "case_history_archive", "audit_anchor",
                "audit_chain_head");
        String eventsBefore = asSuperuser(s, "select count(*) || ':' || coalesce(max(hash), '') from audit_event");
        for (String table : ledger) {
            assertThat(asSuperuser(s, "select pg_get_userbyid(relowner) from pg_class where relname = '" + table + "'"))
                    .as(table).isEqualTo("xianfeng_ledger");
            refused(s, app, "alter table " + table + " disable trigger all", "must be owner of table " + table);
            refused(s, app, "alter table " + table + " owner to xianfeng_app", "must be owner of table " + table);
            refused(s, app, "drop table " + table + " cascade", "must be owner of table " + table);
            refused(s, app, "delete from " + table, "permission denied for table " + table);
            refused(s, app, "truncate " + table + " cascade", "permission denied for table " + table);
            String column = asSuperuser(s, "select attname from pg_attribute where attrelid = '" + table
                    + "'::regclass and attnum > 0 and not attisdropped and attidentity = '' order by attnum limit 1");
            boolean guardedUpdate = "t".equals(asSuperuser(s, "select has_table_privilege('xianfeng_app', '" + table
                    + "', 'UPDATE')"));
            if (!guardedUpdate) {
                refused(s, app, "update " + table + " set " + column + " = " + column, "permission denied for table " + table);
            }
            String trigger = asSuperuser(s, "select min(tgname) from pg_trigger where tgrelid = '" + table
                    + "'::regclass and not tgisinternal");
            refused(s, app, "drop trigger " + trigger + " on " + table, "must be owner of");
        }
        // the chain heads may advance (the application appends), never go back, and the guard stays on
        refused(s, app, "update audit_chain_head set seq = seq - 1", "may only advance by one");
        refused(s, app, "create or replace function audit_reject_change() returns trigger language plpgsql "
                + "as $$ begin return new; end $$", "must be owner of function audit_reject_change");
        refused(s, app, "set session_replication_role = replica", "permission denied to set parameter");
        refused(s, app, "set role xianfeng_ledger", "permission denied to set role");
        refused(s, app, "set role postgres", "permission denied to set role");
        refused(s, app, "alter role xianfeng_app superuser", "must be superuser");
        Path marker = s.dataDir().resolveSibling("copy-to-program-ran");
        refused(s, app, "copy (select 1) to program 'touch " + marker + "'", "pg_execute_server_program");
        assertThat(Files.exists(marker)).as("the program ran").isFalse();
        String keystorePasswordFile = s.secret("signing-keystore.password").toString();
        refused(s, app, "select pg_read_file('" + keystorePasswordFile + "')", "permission denied for function pg_read_file");
        refused(s, app, "create temp table loot (line text); copy loot from '" + keystorePasswordFile + "'",
                "pg_read_server_files");
        refused(s, app, "select lo_import('" + keystorePasswordFile + "')", "lo_import");
        assertThat(asSuperuser(s, "select count(*) || ':' || coalesce(max(hash), '') from audit_event"))
                .as("the audit trail after the attack").isEqualTo(eventsBefore);
    }

    static void assertTheKeystorePasswordIsRandomAndOutOfReach(Started s) throws Exception {
        String password = s.read("signing-keystore.password");
        assertThat(password).isNotEqualTo(LEGACY_KEYSTORE_PASSWORD);
        assertThat(opens(password)).isTrue();
        assertThat(opens(LEGACY_KEYSTORE_PASSWORD)).as("the former constant opens the keystore").isFalse();
        for (String name : List.of("signing-keystore.password", "admin.password", "postgres-app.password",
                "postgres-superuser.password")) {
            // every row of every table of the schema, as text
            assertThat(asSuperuser(s, "select sum((xpath('/row/c/text()', query_to_xml(format("
                    + "'select count(*) as c from %I.%I t where t::text like %L', schemaname, tablename, '%"
                    + s.read(name) + "%'), false, true, '')))[1]::text::int) from pg_tables where schemaname = 'public'"))
                    .as(name + " stored in a table").isEqualTo("0");
        }
    }

    static void refused(Started s, String appPassword, String sql, String expected) throws Exception {
        Result r = Psql.run(s.databasePort(), "xianfeng_app", appPassword, sql);
        assertThat(r.refused()).as("as xianfeng_app: " + sql + " -> " + r.output()).isTrue();
        assertThat(r.output()).as(sql).contains(expected);
    }

    static String asSuperuser(Started s, String sql) throws Exception {
        Result r = Psql.run(s.databasePort(), "postgres", s.read("postgres-superuser.password"), sql);
        assertThat(r.refused()).as(sql + " -> " + r.output()).isFalse();
        return r.output();
    }

    static String certificate(Started s) throws Exception {
        HttpResponse<String> pem = PortalClient.basic(s.portal().port, null, null, "GET",
                "/api/public/signing-certificate.pem", null);
        assertThat(pem.statusCode()).isEqualTo(200);
        return pem.body();
    }

    static boolean opens(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DATA.resolve("signing").resolve("development.p12"))) {
            store.load(in, password.toCharArray());
            return true;
        } catch (java.io.IOException wrongPassword) {
            return false;
        }
    }
}
