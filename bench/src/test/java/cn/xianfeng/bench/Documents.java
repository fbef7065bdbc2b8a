package cn.xianfeng.bench;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.dossier.Dossiers;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.BenchSearch;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.BenchIndex;
import cn.xianfeng.search.internal.SearchIndex;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Dossier PDFs, audit chain verification, and search over a million audit documents in Elasticsearch. */
final class Documents {

    static final String[] WORDS = {"谈话", "考察", "培养", "政治审查", "公示", "支部大会", "表决", "预备期", "转正",
            "入党申请书", "积极分子", "发展对象", "集中培训", "志愿书", "宣誓", "继续教育", "档案", "组织员", "党委审批",
            "介绍人", "联系人", "思想汇报", "群众意见", "鉴定", "会议记录", "三会一课", "接诉即办", "回执", "介绍信", "归档"};

    private final ApplicationContext ctx;
    private final Settle settle;

    Documents(ApplicationContext ctx, Settle settle) {
        this.ctx = ctx;
        this.settle = settle;
    }

    void dossier(String caseId, int runs, Report report) {
        settle.drained();
        Dossiers dossiers = ctx.getBean(Dossiers.class);
        int[] pages = {0};
        Stats stats = Stats.time(1, runs, () -> pages[0] = dossiers.issue(caseId, "sec1").pdf().length);
        // CPU time of the issuing thread: what a dossier costs, less sensitive than wall time to a loaded machine
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c = threads.getCurrentThreadCpuTime();
            dossiers.issue(caseId, "sec1");
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        java.util.Arrays.sort(cpu);
        long calling = SqlCounter.count(() -> dossiers.issue(caseId, "sec1"));
        // which statements: what to look at when the count grows
        java.util.Map<String, Long> bySql = new java.util.TreeMap<>();
        SqlCounter.capture(() -> dossiers.issue(caseId, "sec1")).forEach(st -> bySql.merge(
                st.sql().replaceAll("\\s+", " ").substring(0, Math.min(90, st.sql().replaceAll("\\s+", " ").length())),
                1L, Long::sum));
        report.fact("dossier statements", bySql.toString());
        settle.drained();
        SqlCounter.Totals all = SqlCounter.countAll(() -> dossiers.issue(caseId, "sec1"), settle::drained);
        report.target(Report.DOSSIER_MEDIAN, "4 documents", "dossier PDF, 25 steps + 10 attachments, median of " + runs,
                stats.p50(), "ms", 300.0, false);
        report.add("4 documents", "dossier PDF, slowest of " + runs, stats.max(), "ms");
        report.add("4 documents", "dossier CPU time of the issuing thread, median of " + runs, cpu[runs / 2] / 1e6, "ms");
        report.target(Report.DOSSIER_STATEMENTS, "4 documents",
                "dossier SQL statements, all threads (after-commit work drained)", all.statements(), "stmts", 10.0, false);
        report.add("4 documents", "dossier SQL statements, issuing thread", calling, "stmts");
        report.add("4 documents", "dossier commits, all threads", all.commits(), "commits");
        report.fact("dossier", String.format("%,d bytes (signed PDF/A)", pages[0]));
    }

    /** Appends {@code events} events through the real trail (over many case chains), in transactions of 250. */
    void audit(int events, int chains, Report report) {
        AuditTrail trail = ctx.getBean(AuditTrail.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        int batch = 250;
        long t = System.nanoTime();
        for (int done = 0; done < events; done += batch) {
            int from = done;
            tx.executeWithoutResult(s -> {
                for (int i = from; i < Math.min(events, from + batch); i++) {
                    trail.record(new AuditEntry("p" + (1 + i % 4000), "BC-T01", AuditAction.TASK_COMPLETED,
                            "bench-c-" + (1 + i % chains), "bench-t-" + i, "step" + String.format("%02d", 1 + i % 25),
                            Map.of("decision", "APPROVE", "summary", WORDS[i % WORDS.length]), null, "127.0.0.1"));
                }
            });
        }
        double recordSeconds = (System.nanoTime() - t) / 1e9;
        // verification is timed warm, after the indexing backlog, in section 6
        report.fact("audit", String.format("%,d events appended through AuditTrail.record in %.0f s (%,.0f events/s)",
                events, recordSeconds, events / recordSeconds));
    }

    /** Bulk-indexes {@code docs} documents through the project's Elasticsearch index, then times real searches. */
    void search(String uris, CountyData.Shape shape, int docs, int queries, Report report) throws Exception {
        SearchIndex index = BenchIndex.elasticsearch(uris, "bench-events", ctx.getBean(JdbcClient.class));
        index.clear();
        int batch = 5_000;
        long t = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> parts = new ArrayList<>();
        for (int from = 0; from < docs; from += batch) {
            int start = from;
            parts.add(pool.submit(() -> index.index(documents(shape, start, Math.min(docs, start + batch)))));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        pool.shutdown();
        double indexSeconds = (System.nanoTime() - t) / 1e9;
        long indexed = index.count();
        Search search = BenchSearch.over(index, ctx.getBean(People.class), ctx.getBean(Orgs.class));
        Random random = new Random(11);
        Stats township = Stats.time(10, queries, () -> {
            int tw = 1 + random.nextInt(shape.townships());
            search.search(new Search.Request(WORDS[random.nextInt(WORDS.length)], null, null, null, null, null, null, 0, 20),
                    CountyData.reviewerOf(tw));
        });
        Stats root = Stats.time(5, queries, () -> search.search(new Search.Request(WORDS[random.nextInt(WORDS.length)]
                + " " + WORDS[random.nextInt(WORDS.length)], null, null, null, null, null, null, 0, 20), CountyData.rootViewer()));
        report.add("4 documents", "search, documents indexed", indexed, "docs");
        report.add("4 documents", "search p95, township reviewer (own subtree)", township.p95(), "ms");
        report.add("4 documents", "search p95, county root (two words)", root.p95(), "ms");
        report.add("4 documents", "search p99, county root", root.p99(), "ms");
        report.fact("search", String.format("%,d documents bulk-indexed through ElasticsearchIndex in %.0f s (%,.0f docs/s), "
                + "%d queries per viewer", indexed, indexSeconds, indexed / indexSeconds, queries));
    }

    private static List<SearchDocument> documents(CountyData.Shape shape, int from, int to) {
        List<SearchDocument> list = new ArrayList<>(to - from);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = from; i < to; i++) {
            int branch = i % shape.branches();
            int tw = branch / shape.branchesPerTownship() + 1;
            String township = CountyData.township(tw);
            String org = String.format("%s-B%03d", township, branch % shape.branchesPerTownship() + 1);
            String text = WORDS[i % WORDS.length] + " " + WORDS[(i / 7) % WORDS.length] + " 申请人" + (i % 50_000) + "情况良好";
            list.add(new SearchDocument("bench-" + i, "bench-c-" + (1 + i % 200_000), "admission", "发展党员 · 申请人" + (i % 50_000),
                    org, "/BC/" + township + "/" + org + "/", "p" + (1 + branch), "TASK_COMPLETED",
                    String.format("step%02d", 1 + i % 25), base.plusSeconds(i * 31L), text));
        }
        return list;
    }
}
