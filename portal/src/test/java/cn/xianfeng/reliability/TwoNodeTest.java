package cn.xianfeng.reliability;

import cn.xianfeng.testing.Elasticsearch;
import cn.xianfeng.testing.RealServices;
import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portal JVMs on one PostgreSQL and one Elasticsearch behave as one. 8 clients alternate nodes on every request
 * for 60 s (file, remind, comment, claim, complete); one node is killed (SIGKILL) 20 s in and started again while
 * the load goes on (if it has not started by the end of the 60 s, the clients wait for it), and the load goes on
 * until the restarted node has served 20 requests of sessions begun before its death. Meanwhile the jobs run every few seconds (both nodes try each) and complaint timers fall due one
 * by one (their due date set to the past in PostgreSQL: both nodes' executors race for each). Then: every 2xx action
 * is there once, no task completed twice, the audit chain verifies, each job ran once per period, each timer fired
 * once, the index holds what PostgreSQL holds, a reindex runs once with its progress on both nodes, a session moves
 * between nodes and its sign-out ends it on both, and a role revoked on one node is refused on the other within 1 s.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
@org.junit.jupiter.api.parallel.ResourceLock("elasticsearch")
class TwoNodeTest {

    static final int CLIENTS = 8;
    static final Duration LOAD = Duration.ofSeconds(Long.getLong("xianfeng.two-node.seconds", 60));
    static final Duration KILL_AFTER = Duration.ofSeconds(20);
    static final String ADMIN_PASSWORD = "two-node-admin";
    /** Job name → interval in seconds, as configured below. */
    static final Map<String, Integer> JOBS = Map.of("audit-anchor", 5, "dues-time-rules", 10,
            "event-resubmission", 5, "meeting-compliance", 10, "retention", 10, "session-cleanup", 10);

    final Database db = RealServices.freshDatabase();
    final Elasticsearch es = RealServices.elasticsearch();
    final String index = "two-node-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    final List<Integer> ports = List.of(PortalProcess.freePort(), PortalProcess.freePort());
    final Consistency check = new Consistency(db.jdbcUrl(), db.username(), db.password());

    @Test
    void twoNodesBehaveAsOne() throws Exception {
        long began = System.nanoTime();
        PortalProcess[] nodes = new PortalProcess[2];
        try {
            nodes[0] = start(0);
            // branches founded long ago: the compliance check finds missed meetings and raises 补开/说明 tasks
            check.rows("update org_unit set created_at = created_at - interval '3 years' returning code");
            nodes[1] = start(1);
            List<String> complaints = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                complaints.addAll(ComplaintTimers.fileAndDispatch(ports.get(i % 2), "两节点路灯" + i));
            }
            assertThat(ComplaintTimers.state(check, complaints)).as("one pending timer each").containsOnly("1/0");

            TwoNodeLoad load = new TwoNodeLoad(ports).start(CLIENTS);
            long loadStart = System.nanoTime();
            TimerRelease timers = new TimerRelease(check, complaints, loadStart);
            Thread.sleep(KILL_AFTER.toMillis());
            long pid = nodes[1].pid();
            nodes[1].kill();
            long killed = System.nanoTime();
            CompletableFuture<PortalProcess> restart = CompletableFuture.supplyAsync(() -> start(1));
            CompletableFuture<Long> back = restart.thenApply(n -> {
                load.markRestarted();
                return System.nanoTime();
            });
            while (!back.isDone() || System.nanoTime() - loadStart < LOAD.toNanos()) {
                timers.releaseDue();
                Thread.sleep(250);
                if (!back.isDone() && System.nanoTime() - loadStart > LOAD.toNanos()) {
                    // time is up and the node is still starting (a crowded machine): let it start, then go on
                    load.pause();
                }
            }
            load.resume();
            nodes[1] = restart.get();
            // the restarted node takes its share with the sessions begun before its death
            Eventually.within(Duration.ofSeconds(60), "2xx from the restarted node", () -> load.servedAfterRestart.get() >= 20);
            timers.releaseAll();
            load.stop();

            Figures f = new Figures(load, killed, back.get(), loadStart);
            f.printLoad(pid);
            assertThat(load.unexpected).as("replies other than 2xx and 503").isEmpty();
            assertThat(load.cutOff.get()).as("requests cut off by the kill").isPositive();
            TwoNodeChecks checks = new TwoNodeChecks(db, ports, ADMIN_PASSWORD);
            Duration fired = Eventually.within(Duration.ofSeconds(120), "every complaint's timer fired once",
                    () -> ComplaintTimers.state(check, complaints).stream().allMatch("0/1"::equals));
            assertThat(ComplaintTimers.state(check, complaints)).containsOnly("0/1");
            f.timers = complaints.size();
            // after-commit work done (notices, indexing), a dead node's share included
            checks.indexHoldsWhatPostgresHolds(es, index);
            f.duplicates = checks.everyActionOnce(load);
            checks.auditChainVerifiesOnBothNodes();
            f.jobRuns = checks.eachJobOncePerPeriod(JOBS);
            f.compliance = checks.complianceFlagsOnce();
            f.archived = checks.retentionArchivedOnce();
            f.reindex = checks.reindexRunsOnceAndShowsOnBothNodes();
            checks.indexHoldsWhatPostgresHolds(es, index);
            checks.sessionSurvivesASwitchOfNodeAndSignOutEndsItOnBoth();
            f.revokedAfter = checks.roleRevokedOnOneNodeIsRefusedOnTheOther(Duration.ofSeconds(1));
            f.print(pid, fired, Duration.ofNanos(System.nanoTime() - began));
        } finally {
            for (PortalProcess n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    private PortalProcess start(int node) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", db.username());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("XIANFENG_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("XIANFENG_DEMO", "true");
        env.put("XIANFENG_NODE_ID", "node-" + (char) ('a' + node));
        env.put("XIANFENG_COMPLAINTS_INTAKE_LIMIT", "1000");
        env.put("XIANFENG_ELASTICSEARCH_URIS", es.uri().toString());
        env.put("XIANFENG_DATA_DIR", Path.of("target", "two-node", "data-" + node).toAbsolutePath().toString());
        return PortalProcess.start(ports.get(node), env, List.of("--xianfeng.elasticsearch.index=" + index,
                "--xianfeng.audit.anchor-interval=PT5S",
                "--xianfeng.dues.check-initial-delay=PT2S", "--xianfeng.dues.check-interval=PT10S",
                "--xianfeng.events.resubmit-interval=PT5S", "--xianfeng.events.resubmit-older-than=PT20S",
                "--xianfeng.meeting.compliance-initial-delay=PT2S", "--xianfeng.meeting.compliance-interval=PT10S",
                "--xianfeng.retention.initial-delay=PT5S", "--xianfeng.retention.interval=PT10S",
                "--xianfeng.retention.archive-after=PT30S", "--xianfeng.retention.batch=1",
                "--xianfeng.sessions.cleanup-interval=PT10S",
                // both executors look for due timers every second, so they race for each
                "--flowable.process.async.executor.default-timer-job-acquire-wait-time=PT1S",
                "--flowable.process.async.executor.default-async-job-acquire-wait-time=PT1S"),
                Path.of("target", "two-node", "node-" + (char) ('a' + node) + ".log"));
    }

    /** Makes one complaint's response timer due every 5 s of the load, so some fall due while a node is down. */
    static final class TimerRelease {

        private final Consistency db;
        private final List<String> complaints;
        private final long start;
        private int released;

        TimerRelease(Consistency db, List<String> complaints, long start) {
            this.db = db;
            this.complaints = complaints;
            this.start = start;
        }

        void releaseDue() throws Exception {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            while (released < complaints.size() && seconds >= 3 + 5L * released) {
                release(complaints.get(released++));
            }
        }

        void releaseAll() throws Exception {
            while (released < complaints.size()) {
                release(complaints.get(released++));
            }
        }

        private void release(String caseId) throws Exception {
            // as if its working day had passed: the executors compare the due date with their clocks (real time)
            assertThat(db.rows("update act_ru_timer_job set duedate_ = now() - interval '1 second' where process_instance_id_ = '"
                    + caseId + "' returning id_")).hasSize(1);
        }
    }

    /** What the run did, printed for the closing note. */
    static final class Figures {

        final TwoNodeLoad load;
        final long down;
        final long loadNanos;
        int duplicates;
        int timers;
        Map<String, String> jobRuns;
        long compliance;
        long archived;
        String reindex;
        Duration revokedAfter;

        Figures(TwoNodeLoad load, long killed, long back, long loadStart) {
            this.load = load;
            this.down = Duration.ofNanos(back - killed).toMillis();
            this.loadNanos = System.nanoTime() - loadStart;
        }

        void printLoad(long pid) {
            System.out.printf("two nodes, load: %d requests, %d 2xx, %d cut off, %d failovers, statuses %s, unexpected %d%n",
                    load.requests(), load.count2xx(), load.cutOff.get(), load.failovers.get(), load.statuses,
                    load.unexpected.size());
        }

        void print(long pid, Duration fired, Duration total) {
            System.out.printf("two nodes: %d clients for %d s, node b (pid %d) killed after %d s and back %d ms later; "
                            + "%d requests (%d 2xx: node a %d, node b %d, %d by node b after its restart), %d cases filed, "
                            + "%d completions, %d claims, %d reminders, %d comments, %d requests cut off by the kill, "
                            + "%d failed over to the live node, statuses %s; duplicates found: %d%n",
                    CLIENTS, loadNanos / 1_000_000_000L, pid, KILL_AFTER.toSeconds(), down, load.requests(),
                    load.count2xx(), load.servedBy[0].get(), load.servedBy[1].get(), load.servedAfterRestart.get(),
                    load.cases.size(), load.completions.size(), load.claims.size(), load.reminders.size(),
                    load.comments.size(), load.cutOff.get(), load.failovers.get(), load.statuses, duplicates);
            System.out.printf("two nodes: %d timers fired once each (all within %d ms of the last release); job runs "
                            + "(runs, by node) %s; %d compliance flags with one 补开/说明 case each; %d cases archived "
                            + "once; reindex %s; role revoked on node a refused on node b after %d ms; test took %d s%n",
                    timers, fired.toMillis(), jobRuns, compliance, archived, reindex, revokedAfter.toMillis(),
                    total.toSeconds());
        }
    }

    static long esCount(Elasticsearch es, String index) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(es.uri() + "/" + index + "/_count")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
