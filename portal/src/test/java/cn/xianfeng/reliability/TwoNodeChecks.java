package cn.xianfeng.reliability;

import cn.xianfeng.testing.Elasticsearch;

import cn.xianfeng.testing.RealServices.Database;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of {@link TwoNodeTest}, each on PostgreSQL directly or over HTTP on both nodes. */
final class TwoNodeChecks {

    private final Consistency db;
    private final Database database;
    private final List<Integer> ports;
    private final String adminPassword;

    TwoNodeChecks(Database database, List<Integer> ports, String adminPassword) {
        this.database = database;
        this.db = new Consistency(database.jdbcUrl(), database.username(), database.password());
        this.ports = ports;
        this.adminPassword = adminPassword;
    }

    /** Every action that got a 2xx is in the audit trail exactly once; returns the number of duplicates found. */
    int everyActionOnce(TwoNodeLoad load) throws Exception {
        List<String> wrong = new ArrayList<>();
        wrong.addAll(db.lostCases(load.cases));
        wrong.addAll(notOnce("TASK_COMPLETED", load.completions));
        wrong.addAll(notOnce("TASK_CLAIMED", load.claims));
        wrong.addAll(notOnce("TASK_REMINDED", load.reminders));
        wrong.addAll(notOne("""
                select t.id, (select count(*) from audit_event a where a.action = 'COMMENTED' and a.comment = t.id) as n
                  from unnest(?) as t(id)""", load.comments));
        // a reminder's notices: one per recipient named in its audit event, not one more (no republished event)
        wrong.addAll(withIds("""
                select t.id, (select count(*) from notice n where n.kind = 'REMINDED' and n.task_id = t.id) as notices,
                       (select jsonb_array_length(a.data -> 'recipients') from audit_event a
                         where a.action = 'TASK_REMINDED' and a.task_id = t.id) as recipients
                  from unnest(?) as t(id)""", load.reminders).stream().filter(r -> {
                    String[] c = r.split(" \\| ");
                    return !c[1].equals(c[2]);
                }).toList());
        List<String> doubles = db.rows("""
                select task_id, count(*) from audit_event where action = 'TASK_COMPLETED' group by task_id having count(*) > 1""");
        doubles.addAll(db.rows("""
                select id_, count(*) from act_hi_taskinst where end_time_ is not null group by id_ having count(*) > 1"""));
        assertThat(wrong).as("2xx actions not present exactly once").isEmpty();
        assertThat(doubles).as("tasks completed twice").isEmpty();
        return wrong.size() + doubles.size();
    }

    private List<String> notOnce(String action, Collection<String> taskIds) throws Exception {
        return notOne("""
                select t.id, (select count(*) from audit_event a where a.action = '%s' and a.task_id = t.id) as n
                  from unnest(?) as t(id)""".formatted(action), taskIds);
    }

    void auditChainVerifiesOnBothNodes() throws Exception {
        for (int port : ports) {
            CrashTest.assertAuditChainVerifies(port, adminPassword);
        }
    }

    /**
     * Each job's runs (job_run, database time) follow each other at least one interval apart and never overlap,
     * and none is missing: no gap longer than two intervals and a margin, the kill included.
     */
    Map<String, String> eachJobOncePerPeriod(Map<String, Integer> jobs) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (var job : jobs.entrySet()) {
            List<String> rows = db.rows("select extract(epoch from started_at), coalesce(extract(epoch from finished_at), -1), node "
                    + "from job_run where name = '" + job.getKey() + "' order by started_at");
            assertThat(rows).as(job.getKey() + " ran").hasSizeGreaterThanOrEqualTo(3);
            Map<String, Integer> byNode = new TreeMap<>();
            double previousStart = -1;
            double previousEnd = -1;
            double longestGap = 0;
            for (String row : rows) {
                String[] c = row.split(" \\| ");
                double started = Double.parseDouble(c[0]);
                byNode.merge(c[2], 1, Integer::sum);
                if (previousStart >= 0) {
                    assertThat(started - previousStart).as(job.getKey() + ": runs one interval apart, at " + row)
                            .isGreaterThanOrEqualTo(job.getValue() - 0.5);
                    if (previousEnd >= 0) {
                        assertThat(started).as(job.getKey() + ": no overlap, at " + row).isGreaterThanOrEqualTo(previousEnd);
                    }
                    longestGap = Math.max(longestGap, started - previousStart);
                }
                previousStart = started;
                previousEnd = Double.parseDouble(c[1]);
            }
            assertThat(longestGap).as(job.getKey() + ": longest gap between runs, s").isLessThan(2.0 * job.getValue() + 30);
            out.put(job.getKey(), rows.size() + " " + byNode + " gap≤" + Math.round(longestGap) + "s");
        }
        return out;
    }

    /** Each compliance flag started exactly one 补开/说明 case, however many nodes ran the check. */
    long complianceFlagsOnce() throws Exception {
        long flags = db.single("select count(*) from meeting_flag");
        assertThat(flags).as("flags raised for the backdated branches").isPositive();
        assertThat(db.single("select count(*) from meeting_flag where case_id is null")).isZero();
        assertThat(db.single("select count(*) from case_record where process_key = 'meeting-compliance'")).isEqualTo(flags);
        assertThat(db.rows("select case_id from meeting_flag group by case_id having count(*) > 1")).isEmpty();
        return flags;
    }

    /**
     * Each archived case: one archive row, one HISTORY_ARCHIVED event, its stored dossier. (A run cut off between
     * storing a dossier and moving the history leaves that dossier, and the next run issues another: allowed.)
     */
    long retentionArchivedOnce() throws Exception {
        long archived = db.single("select count(*) from case_history_archive");
        assertThat(archived).as("closed cases archived during the run").isPositive();
        assertThat(db.rows("select case_id from audit_event where action = 'HISTORY_ARCHIVED' group by case_id having count(*) > 1"))
                .isEmpty();
        assertThat(db.single("select count(distinct case_id) from audit_event where action = 'HISTORY_ARCHIVED'")).isEqualTo(archived);
        assertThat(db.rows("""
                select a.case_id from case_history_archive a join issued_document d on d.code = a.dossier_code
                 where d.case_id <> a.case_id or d.kind <> 'DOSSIER'""")).isEmpty();
        assertThat(db.single("select count(*) from act_hi_procinst h join case_history_archive a on a.case_id = h.proc_inst_id_"))
                .as("history rows left behind by an archived case").isZero();
        return archived;
    }

    /** Both nodes indexed into one Elasticsearch index: it ends up holding each audit event, case and task once. */
    void indexHoldsWhatPostgresHolds(Elasticsearch es, String index) throws Exception {
        Eventually.within(Duration.ofSeconds(120), "the index equal to PostgreSQL, publications done",
                () -> TwoNodeTest.esCount(es, index) == expected()
                        && db.single("select count(*) from event_publication where completion_date is null") == 0);
    }

    private long expected() throws Exception {
        return db.single("select count(*) from audit_event") + db.single("select count(*) from case_record")
                + db.single("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_")
                + db.single("select coalesce(sum(jsonb_array_length(history -> 'tasks')), 0) from case_history_archive");
    }

    /** Started on node a: node b refuses a second (409) and shows the same progress, to the end. */
    String reindexRunsOnceAndShowsOnBothNodes() throws Exception {
        HttpResponse<String> started = admin(0, "POST", "/api/admin/search/reindex");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        HttpResponse<String> second = admin(1, "POST", "/api/admin/search/reindex");
        HttpResponse<String> seenOnB = admin(1, "GET", "/api/admin/search/reindex");
        String startedAt = field(started.body(), "startedAt");
        assertThat(field(seenOnB.body(), "startedAt")).as("node b shows node a's rebuild").isEqualTo(startedAt);
        if (second.statusCode() != 409) {
            // only if node a's rebuild had already finished: then node b's is a new one, after it
            assertThat(second.statusCode()).isEqualTo(202);
            assertThat(field(admin(0, "GET", "/api/admin/search/reindex").body(), "finishedAt")).isNotNull();
        }
        Eventually.within(Duration.ofSeconds(120), "the rebuild done, as both nodes show", () -> {
            String a = admin(0, "GET", "/api/admin/search/reindex").body();
            String b = admin(1, "GET", "/api/admin/search/reindex").body();
            return a.contains("\"phase\":\"DONE\"") && a.equals(b);
        });
        String done = admin(1, "GET", "/api/admin/search/reindex").body();
        // what the scheduled jobs recorded while the rebuild ran reaches the new index by the indexer's cursor, after
        // the swap: nothing refused, no more than PostgreSQL holds, and then the index equal to PostgreSQL
        assertThat(field(done, "refused")).isEqualTo("0");
        assertThat(Long.parseLong(field(done, "indexed"))).isLessThanOrEqualTo(Long.parseLong(field(done, "expected")));
        return "second start " + second.statusCode() + ", done: " + field(done, "indexed") + " of " + field(done, "expected");
    }

    /** Signed in on node a, the same cookie works on node b (page and API with CSRF); signing out on b ends it on a. */
    void sessionSurvivesASwitchOfNodeAndSignOutEndsItOnBoth() throws Exception {
        NodeClient lisi = NodeClient.signIn(ports, 0, "lisi");
        HttpResponse<String> page = lisi.page(1, "/tasks");
        assertThat(page.statusCode()).as("node b's page for a session begun on node a").isEqualTo(200);
        HttpResponse<String> api = lisi.api(1, "GET", "/api/me", null);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(api.body()).contains("lisi");
        HttpResponse<String> out = lisi.signOut(1);
        assertThat(out.statusCode()).isEqualTo(302);
        HttpResponse<String> after = lisi.page(0, "/tasks");
        assertThat(after.statusCode()).as("node a after the sign-out on node b").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(lisi.api(0, "GET", "/api/me", null).statusCode()).isEqualTo(401);
    }

    /** huangli, signed in on node b, reads the auditors' list; AUDITOR revoked on node a: refused on b within the limit. */
    Duration roleRevokedOnOneNodeIsRefusedOnTheOther(Duration limit) throws Exception {
        NodeClient auditor = NodeClient.signIn(ports, 1, "huangli");
        for (int i = 0; i < 3; i++) {
            assertThat(auditor.api(1, "GET", "/api/audit/reads", null).statusCode()).as("an auditor before").isEqualTo(200);
        }
        HttpResponse<String> revoked = admin(0, "DELETE", "/api/people/huangli/roles/AUDITOR/C01");
        long at = System.nanoTime();
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        int status;
        do {
            status = auditor.api(1, "GET", "/api/audit/reads", null).statusCode();
        } while (status == 200 && System.nanoTime() - at < limit.toNanos() * 3);
        Duration took = Duration.ofNanos(System.nanoTime() - at);
        assertThat(status).isEqualTo(403);
        assertThat(took).as("refused on node b after the revocation on node a").isLessThan(limit);
        return took;
    }

    private HttpResponse<String> admin(int node, String method, String path) throws Exception {
        return PortalClient.basic(ports.get(node), "admin", adminPassword, method, path, null);
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : null;
    }

    /** Rows of {@code sql} (one {@code ?}: the ids as a text array) whose last column is not 1. */
    private List<String> notOne(String sql, Collection<String> ids) throws Exception {
        return withIds(sql, ids).stream().filter(r -> !r.endsWith(" | 1")).toList();
    }

    private List<String> withIds(String sql, Collection<String> ids) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? " | " : "").append(r.getString(i));
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }
}
