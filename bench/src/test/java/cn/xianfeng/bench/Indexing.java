package cn.xianfeng.bench;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.search.internal.BenchIndex;
import cn.xianfeng.search.internal.SearchIndex;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 6, indexing: audit events appended at the target rate by several writers (small transactions on real
 * cases, whose case and task documents are derived again) while the indexer keeps up, on PostgreSQL search and on
 * Elasticsearch, with the lag from each commit to the moment a search finds the event; the rebuild into a new
 * Elasticsearch index against raw bulk requests of the same documents; and the audit trail verified, warm.
 */
final class Indexing {

    static final String SECTION = "6 indexing";
    static final int EVENTS_PER_TRANSACTION = 3;
    static final int WRITERS = 4;

    private final ApplicationContext ctx;
    private final JdbcClient jdbc;
    private final Settle settle;
    private final BenchPostgres pg;

    Indexing(ApplicationContext ctx, Settle settle, BenchPostgres pg) {
        this.ctx = ctx;
        this.settle = settle;
        this.pg = pg;
        this.jdbc = ctx.getBean(JdbcClient.class);
    }

    /** Cases (report process, two tasks each, one done) for the writers to append to, written set-based. */
    List<String> corpus(int cases) {
        jdbc.sql("""
                insert into org_unit (code, name, type, parent_code, path)
                values ('BX', '索引基准县委', 'COMMITTEE', null, '/BX/') on conflict do nothing""").update();
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at)
                select 'bx-' || lpad(i::text, 7, '0'), 'report', '索引基准情况报告' || i, 'BX', '/BX/', 'sec1', 'ACTIVE',
                       now() - i * interval '1 minute'
                  from generate_series(1, ?) i""").param(cases).update();
        jdbc.sql("""
                insert into act_hi_taskinst (id_, rev_, proc_inst_id_, task_def_key_, name_, assignee_, start_time_,
                                             end_time_, due_date_, tenant_id_)
                select c.id || '-t' || s, 1, c.id, case when s = 1 then 'branchReview' else 'committeeReview' end,
                       case when s = 1 then '支部审核' else '党委审核' end, case when s = 1 then 'sec1' end,
                       c.started_at + s * interval '1 second', case when s = 1 then c.started_at + interval '1 hour' end,
                       c.started_at + interval '30 days', ''
                  from case_record c cross join generate_series(1, 2) s where c.id like 'bx-%'""").update();
        jdbc.sql("""
                insert into act_hi_identitylink (id_, group_id_, type_, task_id_, proc_inst_id_, create_time_)
                select c.id || '-l', 'COMMITTEE_REVIEWER@BX', 'candidate', c.id || '-t2', null, c.started_at
                  from case_record c where c.id like 'bx-%'""").update();
        return jdbc.sql("select id from case_record where id like 'bx-%'").query(String.class).list();
    }

    /** Finds which of the given audit event ids a search would return now. */
    interface Probe {
        List<Long> searchable(List<Long> eventIds) throws Exception;
    }

    Probe postgres() {
        return ids -> jdbc.sql("select cast(substr(id, 7) as bigint) from search_document where id = any(?)")
                .param(ids.stream().map(id -> "audit-" + id).toArray(String[]::new)).query(Long.class).list();
    }

    static Probe elasticsearch(URI es, String alias) {
        HttpClient http = HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return ids -> {
            String body = json.writeValueAsString(Map.of("size", ids.size(), "_source", false,
                    "query", Map.of("ids", Map.of("values", ids.stream().map(id -> "audit-" + id).toList()))));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(es.resolve("/" + alias + "/_search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Long> found = new ArrayList<>();
            json.readTree(r.body()).path("hits").path("hits")
                    .forEach(h -> found.add(Long.parseLong(h.get("_id").asText().substring(6))));
            return found;
        };
    }

    /**
     * The writers' pace, 5 % above the 1,500 events/s: paced at exactly the target, an open loop measures the
     * target less its start-up and reads "missed" even when every slot was kept; above it, a store that keeps up shows
     * ≥ 1,500 and one that cannot shows less (and the lag is taken under a little more load than the target's).
     */
    static final int APPEND_PACE = 1_575;

    /**
     * Appends at {@code rate} events/s for {@code seconds} (open loop: a transaction is due at its slot whether or not
     * the previous ones finished) and measures each transaction's lag from commit to searchable. First the same
     * writers and probe for a sixth of that and until the JIT settled ({@link #warmUp}), untimed, and the backlog
     * drained: run alone (-Dxianfeng.bench.only), the section otherwise measured the JIT compiling the writers and the
     * indexer. {@code esNode}: the Elasticsearch node whose work in the writers' window is reported, or null.
     */
    void append(String store, List<String> cases, int seconds, int rate, Probe probe, URI esNode, Report report)
            throws Exception {
        settle.drained();
        java.util.Optional<Long> esPid = esNode == null ? java.util.Optional.empty() : MachineCpu.elasticsearchServer();
        String warmedUp = warmUp(cases, Math.max(2, seconds / 6), rate, probe, esPid);
        settle.drained();

        LagProbe lags = new LagProbe(probe);
        AtomicLong committed = new AtomicLong();
        AtomicLong writerStatements = new AtomicLong();
        long indexerStatements = SqlCounter.INDEXER.get();
        Map<String, double[]> statementsBefore = pg.allStatementTimes();
        MachineCpu cpu = MachineCpu.now();
        EsWork esWork = esNode == null ? null : EsWork.now(esNode);
        ThreadCpu esThreads = esPid.map(ThreadCpu::of).orElse(null);
        long start = System.nanoTime();
        lags.start();
        write(cases, seconds, rate, lags, committed, writerStatements);
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cores = cpu.coresSince();
        String esWorked = esWork == null ? null : esWork.since();
        Map<String, Double> esCpu = esThreads == null ? null : esThreads.secondsSince();
        Map<String, double[]> statementsAfter = pg.allStatementTimes();
        int backlog = lags.pending();
        boolean drained = lags.drain(Duration.ofMinutes(3));
        Stats lag = lags.stats();
        long indexed = SqlCounter.INDEXER.get() - indexerStatements;
        String label = "audit append with indexing (" + store + ")";
        boolean es = store.startsWith("Elastic");
        report.target(es ? Report.APPEND_ES : Report.APPEND_PG, SECTION, label + ", events/s sustained for " + seconds + " s",
                committed.get() / appendSeconds, "events/s", 1500.0, true);
        report.add(SECTION, label + ", commit-to-searchable lag p50", lag.p50(), "ms");
        report.target(es ? Report.LAG_ES : Report.LAG_PG, SECTION, label + ", commit-to-searchable lag p99", lag.p99(),
                "ms", 2000.0, false);
        report.add(SECTION, label + ", lag max", lag.max(), "ms");
        report.atMost(SECTION, label + ", transactions never searchable", drained ? 0 : lags.pending(), "", 0);
        report.add(SECTION, label + ", SQL statements per event, writers", (double) writerStatements.get() / committed.get(),
                "stmts");
        report.add(SECTION, label + ", SQL statements per event, indexer thread", (double) indexed / committed.get(),
                "stmts");
        report.fact("machine CPU, append " + store + " (writers' window)", MachineCpu.describe(cores));
        if (esWorked != null) {
            report.fact("Elasticsearch's work, append (writers' window)", esWorked);
        }
        if (esCpu != null) {
            report.fact("Elasticsearch's CPU by thread kind, append (writers' window)", esCpu.entrySet().stream()
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / appendSeconds))
                    .collect(java.util.stream.Collectors.joining(" · ")) + " cores");
        }
        report.fact("append " + store + ", warm-up", warmedUp);
        // what the server's share of the CPU went to: writers, indexer and the lag probe alike
        report.note("PostgreSQL's statements: 6 audit append with indexing (" + store + ", writers' window)",
                BenchPostgres.slowest(statementsBefore, statementsAfter, committed.get(), 12,
                        "every role (writers, indexer, lag probe)", "event"));
        report.fact("append " + store, String.format("%,d events in %,d transactions of %d by %d writers on %,d cases in %.1f s "
                        + "(target pace %,d events/s); %d transactions not yet searchable when the writers stopped; "
                        + "load average %s", committed.get(), committed.get() / EVENTS_PER_TRANSACTION, EVENTS_PER_TRANSACTION, WRITERS, cases.size(),
                appendSeconds, rate, backlog, loadAverage()));
    }

    static final int WARMUP_SLICE_SECONDS = 5;
    static final int WARMUP_MAX_SLICES = 24;

    /**
     * The writers, the indexer and the probe at the section's pace, untimed: {@code first} seconds, then slices of
     * {@value #WARMUP_SLICE_SECONDS} s until the JIT compilers of the bench JVM and of the Elasticsearch server (when
     * there is one) were busy at most 5 % of a slice, at most {@value #WARMUP_MAX_SLICES} slices; the backlog drained
     * after each. Elasticsearch compiles its small-bulk, refresh and search paths only now (the rebuild and the search
     * section use others): its compilers took 0.3 of its 0.74 cores in a run with 10 s of warm-up alone. What it did.
     */
    private String warmUp(List<String> cases, int first, int rate, Probe probe, java.util.Optional<Long> esPid)
            throws Exception {
        long self = ProcessHandle.current().pid();
        int slices = 0;
        double busiest;
        int secs = first;
        do {
            ThreadCpu bench = ThreadCpu.of(self);
            ThreadCpu es = esPid.map(ThreadCpu::of).orElse(null);
            LagProbe lags = new LagProbe(probe);
            lags.start();
            long t = System.nanoTime();
            write(cases, secs, rate, lags, new AtomicLong(), new AtomicLong());
            double wall = (System.nanoTime() - t) / 1e9;
            busiest = Math.max(bench.secondsSince(ThreadCpu.JIT), es == null ? 0 : es.secondsSince(ThreadCpu.JIT)) / wall;
            lags.drain(Duration.ofMinutes(3));
            secs = WARMUP_SLICE_SECONDS;
            // the quick check (C1 only, figures not compared) keeps to the first part
        } while (!Bench.C1_ONLY && busiest > ThreadCpu.JIT_SETTLED && ++slices <= WARMUP_MAX_SLICES);
        return String.format("%d s, then %d slices of %d s until the JIT compilers (bench JVM%s) were busy at most %.0f %% "
                        + "of a slice (at most %d); the last %.1f %%", first, Math.min(slices, WARMUP_MAX_SLICES),
                WARMUP_SLICE_SECONDS, esPid.isPresent() ? ", Elasticsearch" : "", ThreadCpu.JIT_SETTLED * 100, WARMUP_MAX_SLICES,
                busiest * 100);
    }

    /** The writers: {@code seconds} × {@code rate} events in transactions of three, each due at its slot. */
    private void write(List<String> cases, int seconds, int rate, LagProbe lags, AtomicLong committed,
                       AtomicLong writerStatements) throws Exception {
        AuditTrail trail = ctx.getBean(AuditTrail.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        long transactions = (long) seconds * rate / EVENTS_PER_TRANSACTION;
        double slotNanos = 1e9 * EVENTS_PER_TRANSACTION / rate;
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(writers.submit(() -> {
                for (long k; (k = next.getAndIncrement()) < transactions; ) {
                    long due = start + (long) (k * slotNanos);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String chain = cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
                    long slot = k;
                    long[] last = new long[1];
                    writerStatements.addAndGet(SqlCounter.count(() -> last[0] = tx.execute(s -> {
                        long id = 0;
                        for (int e = 0; e < EVENTS_PER_TRANSACTION; e++) {
                            id = trail.record(new AuditEntry("sec1", "BX", AuditAction.COMMENTED, chain, null, null,
                                    Map.of("summary", Documents.WORDS[(int) (slot + e) % Documents.WORDS.length]),
                                    "基准意见" + slot, "127.0.0.1")).id();
                        }
                        return id;
                    })));
                    lags.committed(last[0], System.nanoTime());
                    committed.addAndGet(EVENTS_PER_TRANSACTION);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /**
     * Rebuild into a new Elasticsearch index (the production path) vs. raw bulk bodies of the same documents. Each side
     * runs once untimed first: the first rebuild after the append section took 2.4 × as long as the next (ES's own
     * indexing time 63 s against 24 s for the same documents; the bench JVM's deriving cold too), while the raw side,
     * which ran second, had that warm-up for free. Before each timed part no merge may be running.
     */
    void rebuildAgainstRaw(String uris, Report report) throws Exception {
        settle.drained();
        URI base = URI.create(uris.split(",")[0]);
        SearchIndex es = BenchIndex.elasticsearch(uris, "bench-rebuild", jdbc);
        es.count(); // creates the serving index, so the rebuild has one to replace
        List<byte[]> bodies = BenchIndex.bulkBodies(ctx);
        RawBulk raw = new RawBulk(base, "bench-raw", BenchIndex.mappingJson());
        long w = System.nanoTime();
        BenchIndex.rebuild(ctx, es);
        raw.send(bodies, 2);
        double warmupSeconds = (System.nanoTime() - w) / 1e9;
        raw.delete();

        Duration rebuildQuiet = EsWork.awaitNoMerges(base, Duration.ofMinutes(5));
        EsWork rebuildWork = EsWork.now(base);
        Map<String, double[]> statementsBefore = pg.allStatementTimes();
        MachineCpu cpu = MachineCpu.now();
        long t = System.nanoTime();
        long loaded = BenchIndex.rebuild(ctx, es);
        double rebuildSeconds = (System.nanoTime() - t) / 1e9;
        Map<String, Double> rebuildCores = cpu.coresSince();
        // PostgreSQL's share of the rebuild's CPU is CPU Elasticsearch does not get
        report.note("PostgreSQL's statements: 6 rebuild (timed run)", BenchPostgres.slowest(statementsBefore,
                pg.allStatementTimes(), loaded / 1000, 8, "every role (the rebuild's reads)", "1,000 documents"));
        String rebuildEs = rebuildWork.since();
        long indexed = es.count();

        raw = new RawBulk(base, "bench-raw", BenchIndex.mappingJson());
        Duration rawQuiet = EsWork.awaitNoMerges(base, Duration.ofMinutes(5));
        EsWork rawWork = EsWork.now(base);
        MachineCpu rawCpu = MachineCpu.now();
        double rawSeconds = raw.send(bodies, 2);
        Map<String, Double> rawCores = rawCpu.coresSince();
        String rawEs = rawWork.since();
        long rawDocs = raw.count();
        report.fact("Elasticsearch's work, rebuild", rebuildEs + "; waited " + rebuildQuiet.toMillis() + " ms for merges to end");
        report.fact("Elasticsearch's work, raw bulk", rawEs + "; waited " + rawQuiet.toMillis() + " ms for merges to end");

        double rebuildRate = loaded / rebuildSeconds;
        double rawRate = rawDocs / rawSeconds;
        report.add(SECTION, "rebuild into a new Elasticsearch index, docs/s", rebuildRate, "docs/s");
        report.add(SECTION, "raw Elasticsearch bulk of the same documents, docs/s", rawRate, "docs/s");
        report.target(Report.BULK_RATIO, SECTION, "rebuild ÷ raw bulk", rebuildRate / rawRate, "×", 0.8, true);
        report.atMost(SECTION, "rebuild: documents missing from the new index", loaded - indexed, "", 0);
        report.fact("machine CPU, rebuild", MachineCpu.describe(rebuildCores));
        report.fact("machine CPU, raw bulk", MachineCpu.describe(rawCores));
        report.fact("rebuild", String.format("%,d documents (audit events, cases, tasks) read from PostgreSQL, derived and "
                        + "bulk-loaded into a new index, then swapped in, in %.1f s; raw: %,d prebuilt bulk bodies (%,d documents, "
                        + "%.0f MB) sent two at a time into an index with the same mapping and settings in %.1f s; both once "
                        + "untimed before (%.1f s)", loaded, rebuildSeconds, bodies.size(), rawDocs,
                        bodies.stream().mapToLong(b -> b.length).sum() / 1e6, rawSeconds, warmupSeconds)
                + "; load average " + loadAverage());
        raw.delete();
    }

    /** The machine's 1-minute load average (other builds share its 2 cores: figures taken under load say so). */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@code AuditTrail.verify()} over the whole store: one warm-up run, then the median of three. */
    void verifyWarm(Report report) {
        settle.drained();
        AuditTrail trail = ctx.getBean(AuditTrail.class);
        trail.verify();
        List<Long> nanos = new ArrayList<>();
        AuditVerification v = null;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            v = trail.verify();
            nanos.add(System.nanoTime() - t);
        }
        Stats s = Stats.ofNanos(nanos);
        javax.sql.DataSource ds = ctx.getBean(javax.sql.DataSource.class);
        long t0 = System.nanoTime();
        long rows = cn.xianfeng.audit.internal.BenchAudit.scanOnly(ds);
        double scanMs = (System.nanoTime() - t0) / 1e6;
        report.add(SECTION, "audit verification's scan alone (rows read, nothing checked)", rows / (scanMs / 1000),
                "rows/s");
        report.note("EXPLAIN ANALYZE: the audit verification's scan", "```\n"
                + cn.xianfeng.audit.internal.BenchAudit.explain(ds) + "\n```");
        report.target(Report.VERIFY, SECTION, "audit verification, warm (whole store, " + String.format("%,d", v.events())
                + " events)", v.events() / (s.p50() / 1000), "events/s", 50_000.0, true);
        report.atMost(SECTION, "audit verification found broken events", v.valid() ? 0 : 1, "", 0);
        report.fact("verification", String.format("%,d events, median of 3 warm runs %.0f ms; load average %s",
                v.events(), s.p50(), loadAverage()));
    }
}
