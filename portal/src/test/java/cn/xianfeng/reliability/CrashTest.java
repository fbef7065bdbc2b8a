package cn.xianfeng.reliability;

import cn.xianfeng.testing.RealServices;
import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal, a separate JVM, is killed with SIGKILL 1–3 s into a load of 16 threads filing, approving and
 * archiving 情况报告 over HTTP, and started again on the same PostgreSQL, K times (-Dxianfeng.kills, 3 by default).
 * After every restart: every case and completion that got a 2xx is there, audited once; no case is half-moved
 * (engine runtime and history, case record and audit trail agree); the audit chain verifies. Each restart starts
 * the adjustable clock 30 days later, so the response timer of every complaint filed before a kill falls due
 * while the portal is down: the restarted portal's job executor fires each exactly once. At the end the search
 * index (on PostgreSQL) holds every audit event once, and no publication or job is left over.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
class CrashTest {

    static final int KILLS = Integer.getInteger("xianfeng.kills", 3);
    static final int THREADS = 16;
    static final String ADMIN_PASSWORD = "crash-test-admin";

    @Test
    void aPortalKilledMidLoadLosesNothingAndMovesNoCaseByHalf() throws Exception {
        Database db = RealServices.freshDatabase();
        Consistency check = new Consistency(db.jdbcUrl(), db.username(), db.password());
        int port = PortalProcess.freePort();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> cases = new HashSet<>();
        Set<String> completions = new HashSet<>();
        Set<String> complaints = new LinkedHashSet<>();
        int ok = 0;
        int cutOff = 0;
        PortalProcess portal = start(port, db, OffsetDateTime.now());
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                List<String> dispatched = ComplaintTimers.fileAndDispatch(port, "路灯不亮" + kill);
                assertThat(ComplaintTimers.state(check, dispatched)).as("one pending timer, not escalated").containsOnly("1/0");
                complaints.addAll(dispatched);

                ReportLoad load = new ReportLoad(port).start(THREADS, "k" + kill);
                // the kill falls 1-3 s into a load that is completing tasks, not into the threads' sign-in
                Eventually.within(Duration.ofMinutes(2), "first completions", () -> load.completedTasks.size() >= THREADS);
                long delay = 1000 + random.nextInt(2001);
                Thread.sleep(delay);
                long pid = portal.pid();
                portal.kill();
                load.stop();
                assertThat(load.serverErrors).as("5xx before the kill").isEmpty();
                assertThat(load.refusals).as("refusals before the kill").isEmpty();
                assertThat(load.brokenConnections.get()).as("threads cut off by the kill").isPositive();
                cases.addAll(load.createdCases);
                completions.addAll(load.completedTasks);
                ok += load.count(200) + load.count(201);
                cutOff += load.brokenConnections.get();

                portal = start(port, db, OffsetDateTime.now().plusDays(30L * kill));
                assertThat(check.lostCases(cases)).as("cases that got a 201").isEmpty();
                assertThat(check.lostCompletions(completions)).as("completions that got a 200").isEmpty();
                assertThat(check.halfMovedCases()).as("half-moved cases").isEmpty();
                assertAuditChainVerifies(port, ADMIN_PASSWORD);
                Duration fired = Eventually.within(Duration.ofMinutes(3), "every complaint's timer fired once",
                        () -> ComplaintTimers.state(check, List.copyOf(complaints)).stream().allMatch("0/1"::equals));
                System.out.printf("crash %d/%d: pid %d killed after %d ms; %d cases and %d completions with 2xx so far, "
                                + "%d requests cut off, %d timers fired once (%d ms after restart); seed %d%n",
                        kill, KILLS, pid, delay, cases.size(), completions.size(), load.brokenConnections.get(),
                        complaints.size(), fired.toMillis(), seed);
            }
            // the index holds each audit event, case and task once (search documents of all three kinds)
            Eventually.within(Duration.ofMinutes(2), "search index equal to the database, publications done", () ->
                    check.single("select count(*) from search_document where kind = 'AUDIT'")
                            == check.single("select count(*) from audit_event")
                            && check.single("select count(*) from search_document where kind = 'CASE'")
                            == check.single("select count(*) from case_record")
                            && check.single("select count(*) from search_document where kind = 'TASK'")
                            == check.single("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_")
                            && check.single("select count(*) from event_publication where completion_date is null") == 0);
            assertThat(check.single("select count(*) from act_ru_deadletter_job")).as("dead jobs").isZero();
            assertThat(check.single("select count(*) from search_document d where kind = 'AUDIT' and not exists "
                    + "(select 1 from audit_event a where 'audit-' || a.id = d.id)")).as("index rows without an event").isZero();
            System.out.printf("crash test: %d kills, %d 2xx replies (%d cases, %d completions), %d requests cut off; "
                    + "0 lost, 0 doubles, 0 half-moved, 0 5xx%n", KILLS, ok, cases.size(), completions.size(), cutOff);
        } finally {
            portal.close();
        }
    }

    private static PortalProcess start(int port, Database db, OffsetDateTime clock) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", db.username());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("XIANFENG_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("XIANFENG_DEMO", "true");
        env.put("XIANFENG_COMPLAINTS_INTAKE_LIMIT", "1000");
        env.put("XIANFENG_DATA_DIR", Path.of("target", "crash-test", "data").toAbsolutePath().toString());
        return PortalProcess.start(port, env, List.of("--xianfeng.clock.adjustable=true",
                "--xianfeng.clock.start-at=" + clock), Path.of("target", "crash-test", "portal.log"));
    }

    static void assertAuditChainVerifies(int port, String adminPassword) throws Exception {
        HttpResponse<String> verify = PortalClient.basic(port, "admin", adminPassword, "GET", "/api/audit/verify", null);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verify.body()).contains("\"valid\":true");
    }
}
