package cn.xianfeng.bench;

import cn.xianfeng.testing.RealServices;
import cn.xianfeng.testing.RealServices.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bench's PostgreSQL with production durability: {@code fsync} and {@code synchronous_commit} on (the tests'
 * embedded server runs without both: zonky starts it with {@code -F} and {@code synchronous_commit=off}), and
 * {@code pg_stat_statements} loaded so that statements and commits are also counted on the server's side, e.g. for
 * the portal process. A server named by {@code XIANFENG_TEST_POSTGRES_URL} is used as it is configured, except that
 * {@code fsync} is switched on when it can be (ALTER SYSTEM + reload) and {@code synchronous_commit} per database;
 * the report's header says what was in force.
 */
final class BenchPostgres {

    /** The login role the portal process connects as: pg_stat_statements keys its counts by role. */
    static final String PORTAL_ROLE = "bench_portal";
    static final String PORTAL_PASSWORD = "bench-portal-" + UUID.randomUUID();

    private static EmbeddedPostgres server;

    /** Transactions the bench ran on side connections of its own (probes): pg_stat_database counts them too. */
    static final java.util.concurrent.atomic.AtomicLong SIDE_TRANSACTIONS = new java.util.concurrent.atomic.AtomicLong();

    private final Database database;
    private final boolean statementsTracked;

    private BenchPostgres(Database database) {
        this.database = database;
        this.statementsTracked = enableStatements();
    }

    /** A fresh database on the bench's server (started on first use). */
    static synchronized BenchPostgres freshDatabase() {
        String external = System.getenv("XIANFENG_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            Database db = RealServices.freshDatabase();
            BenchPostgres pg = new BenchPostgres(db);
            pg.productionDurabilityOnExternal();
            return pg;
        }
        return embeddedDatabase();
    }

    private static BenchPostgres embeddedDatabase() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder()
                        // later -c options win over zonky's -F and its synchronous_commit=off
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "top")
                        .setServerConfig("pg_stat_statements.track_utility", "on")
                        .setServerConfig("pg_stat_statements.max", "10000")
                        // planning counted apart from execution: a statement planned anew each time pays it per call
                        .setServerConfig("pg_stat_statements.track_planning", "on")
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("max_connections", "300")
                        .start();
            }
            String admin = server.getJdbcUrl("postgres", "postgres");
            String name = "xfb_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);
            try (Connection c = DriverManager.getConnection(admin, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            // not zonky's URL: its ?user=postgres would win over the portal's own role
            Database db = new Database("jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres", "postgres");
            return new BenchPostgres(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Database database() {
        return database;
    }

    /** The portal's own role on this database (a superuser, as the application connects in the tests). */
    Database portalDatabase() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + PORTAL_ROLE + "'")) {
                if (!rs.next()) {
                    s.execute("create role " + PORTAL_ROLE + " login superuser password '" + PORTAL_PASSWORD + "'");
                }
            }
            s.execute("alter role " + PORTAL_ROLE + " password '" + PORTAL_PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the portal's role", e);
        }
        return new Database(database.jdbcUrl(), PORTAL_ROLE, PORTAL_PASSWORD);
    }

    /** The durability settings in force for a new session of the bench's database, for the report's header. */
    String settings() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
                      where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method',
                                     'shared_buffers', 'server_version', 'max_connections')""")) {
            rs.next();
            return rs.getString(1) + (statementsTracked ? "; pg_stat_statements loaded" : "; pg_stat_statements NOT loaded");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean durable() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('fsync') = 'on' and current_setting('synchronous_commit') = 'on'")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own, outside the application's (counted) DataSource. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /**
     * Server-side counters of this database, taken at one moment; differences of two are what happened between.
     * {@code transactions}: explicit transactions (BEGIN calls: pgjdbc sends one before the first statement of every
     * transaction outside auto-commit; COMMIT itself is not reliably tracked by pg_stat_statements).
     */
    record Counters(long statements, long transactions, long portalStatements, long portalTransactions, long xactCommit) {
        Counters minus(Counters before) {
            return new Counters(statements - before.statements, transactions - before.transactions,
                    portalStatements - before.portalStatements, portalTransactions - before.portalTransactions,
                    xactCommit - before.xactCommit);
        }
    }

    /**
     * pg_stat_statements' top-level calls in this database (all roles; and the portal's role alone), utility
     * statements (BEGIN, COMMIT, SET, SHOW) apart, and BEGIN calls as explicit transactions; and pg_stat_database's
     * xact_commit (which includes single-statement transactions and is reported by each backend at most every 500 ms:
     * read it after a quiet second). Zeros when pg_stat_statements is not loaded.
     */
    Counters counters() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            long xact;
            SIDE_TRANSACTIONS.addAndGet(statementsTracked ? 2 : 1);
            try (ResultSet rs = s.executeQuery("select /* bench-probe */ xact_commit from pg_stat_database where datname = current_database()")) {
                rs.next();
                xact = rs.getLong(1);
            }
            if (!statementsTracked) {
                return new Counters(0, 0, 0, 0, xact);
            }
            try (ResultSet rs = s.executeQuery("""
                    select /* bench-probe */ coalesce(sum(calls) filter (where not utility), 0),
                           coalesce(sum(calls) filter (where upper(query) = 'BEGIN'), 0),
                           coalesce(sum(calls) filter (where not utility and rolname = '%1$s'), 0),
                           coalesce(sum(calls) filter (where upper(query) = 'BEGIN' and rolname = '%1$s'), 0)
                      from (select s.calls, s.query, r.rolname,
                                   s.query ~* '^\\s*(begin|commit|rollback|set|show|savepoint|release|start transaction|discard|reset)\\y' utility
                              from pg_stat_statements s join pg_roles r on r.oid = s.userid
                             where s.dbid = (select oid from pg_database where datname = current_database())
                               and s.query not like '%%bench-probe%%') q
                    """.formatted(PORTAL_ROLE))) {
                rs.next();
                return new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), xact);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The portal role's statements now: query text → {calls, total execution ms, total planning ms} (empty without
     * pg_stat_statements).
     */
    Map<String, double[]> portalStatementTimes() {
        return statementTimes(PORTAL_ROLE);
    }

    /**
     * The statements of every role in this database now (the bench JVM's own included), the bench's probes apart:
     * query text → {calls, total execution ms, total planning ms}.
     */
    Map<String, double[]> allStatementTimes() {
        return statementTimes(null);
    }

    private Map<String, double[]> statementTimes(String role) {
        Map<String, double[]> out = new HashMap<>();
        if (!statementsTracked) {
            return out;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select /* bench-probe */ s.query, sum(s.calls), sum(s.total_exec_time), sum(s.total_plan_time)
                       from pg_stat_statements s join pg_roles r on r.oid = s.userid
                      where (%s) and s.dbid = (select oid from pg_database where datname = current_database())
                        and s.query not like '%%bench-probe%%'
                      group by s.query""".formatted(role == null ? "true" : "r.rolname = '" + role + "'"))) {
            SIDE_TRANSACTIONS.incrementAndGet();
            while (rs.next()) {
                out.put(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Markdown: the statements that took the most server time between two snapshots, per request. */
    static String slowest(Map<String, double[]> before, Map<String, double[]> after, long requests, int top) {
        return slowest(before, after, requests, top, "the portal's role", "request");
    }

    /** Markdown: the statements that took the most server time between two snapshots, per {@code unit}. */
    static String slowest(Map<String, double[]> before, Map<String, double[]> after, long count, int top, String whose,
                          String unit) {
        record Delta(String query, double calls, double millis, double planning) {
        }
        List<Delta> deltas = after.entrySet().stream().map(e -> {
            double[] b = before.getOrDefault(e.getKey(), new double[3]);
            double[] a = e.getValue();
            return new Delta(e.getKey(), a[0] - b[0], a[1] - b[1], a.length > 2 && b.length > 2 ? a[2] - b[2] : 0);
        }).filter(d -> d.calls() > 0).sorted(java.util.Comparator.comparingDouble(Delta::millis).reversed()).toList();
        if (deltas.isEmpty() || count == 0) {
            return "";
        }
        double total = deltas.stream().mapToDouble(Delta::millis).sum();
        double planning = deltas.stream().mapToDouble(Delta::planning).sum();
        StringBuilder md = new StringBuilder(String.format(java.util.Locale.ROOT, "PostgreSQL's execution time for "
                + "%s: %.3f ms per %s in all, and %.3f ms of planning (pg_stat_statements; planning of a prepared "
                + "statement's reused plan costs nothing); the largest:%n%n"
                + "| statement | calls per %s | ms per %s | planning ms per %s |%n|---|---|---|---|%n", whose,
                total / count, unit, planning / count, unit, unit, unit));
        for (Delta d : deltas.subList(0, Math.min(top, deltas.size()))) {
            String q = d.query().strip().replaceAll("\\s+", " ");
            q = (q.length() > 160 ? q.substring(0, 160) + "…" : q).replace("|", "\\|").replace("`", "'");
            md.append("| `").append(q).append("` | ").append(String.format(java.util.Locale.ROOT, "%.3f | %.3f | %.3f",
                    d.calls() / count, d.millis() / count, d.planning() / count)).append(" |\n");
        }
        return md.toString();
    }

    boolean statementsTracked() {
        return statementsTracked;
    }

    private boolean enableStatements() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_settings where name = 'shared_preload_libraries' "
                    + "and setting like '%pg_stat_statements%'")) {
                if (!rs.next()) {
                    return false;
                }
            }
            s.execute("create extension if not exists pg_stat_statements");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void productionDurabilityOnExternal() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("alter database \"" + c.getCatalog() + "\" set synchronous_commit = on");
            try {
                s.execute("alter system set fsync = on");
                s.execute("select pg_reload_conf()");
            } catch (SQLException notAllowed) {
                // a managed server: its own fsync stays, and the report's header shows it
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
