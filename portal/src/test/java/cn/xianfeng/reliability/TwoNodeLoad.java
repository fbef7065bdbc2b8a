package cn.xianfeng.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that send each request to the other node than their last one: a member files a 情况报告 and reminds its
 * review (催办), the branch secretary comments on it, claims and approves it, the township reviewer archives it.
 * A node that refuses the connection (down) gets the request's retry on the other node, as a proxy would; a request
 * cut off mid-flight (the node was killed) has an unknown outcome and ends its case's cycle. Every 2xx is written
 * down for the checks.
 */
final class TwoNodeLoad {

    static final class CutOff extends Exception {
        CutOff(Throwable cause) {
            super(cause);
        }
    }

    final Set<String> cases = ConcurrentHashMap.newKeySet();
    final Set<String> completions = ConcurrentHashMap.newKeySet();
    final Set<String> claims = ConcurrentHashMap.newKeySet();
    final Set<String> reminders = ConcurrentHashMap.newKeySet();
    final Set<String> comments = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger[] servedBy = {new AtomicInteger(), new AtomicInteger()};
    final AtomicInteger cutOff = new AtomicInteger();
    final AtomicInteger failovers = new AtomicInteger();
    /** Replies that are neither 2xx nor 503, with their bodies: none are expected. */
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** 2xx replies of node 1 after {@link #markRestarted}: sessions from before its death, continued. */
    final AtomicInteger servedAfterRestart = new AtomicInteger();
    private final AtomicLong restartedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Integer> ports;

    TwoNodeLoad(List<Integer> ports) {
        this.ports = ports;
    }

    TwoNodeLoad start(int clients) throws Exception {
        for (int i = 0; i < clients; i++) {
            int first = i % 2;
            // each client's three people sign in on one node and go on alternating between both
            NodeClient member = NodeClient.signIn(ports, first, "zhaoliu");
            NodeClient secretary = NodeClient.signIn(ports, 1 - first, "zhangsan");
            NodeClient reviewer = NodeClient.signIn(ports, first, "chenyi");
            Client c = new Client(first, member, secretary, reviewer);
            Thread t = new Thread(c::loop, "two-node-client-" + i);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        return this;
    }

    /** Clients finish their current cycle and wait (the load's time is up but the killed node is still starting). */
    void pause() {
        paused.set(true);
    }

    void resume() {
        paused.set(false);
    }

    void markRestarted() {
        restartedAt.set(System.nanoTime());
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    int requests() {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int count2xx() {
        return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToInt(e -> e.getValue().get()).sum();
    }

    private final class Client {

        private final NodeClient member;
        private final NodeClient secretary;
        private final NodeClient reviewer;
        private int node;

        Client(int first, NodeClient member, NodeClient secretary, NodeClient reviewer) {
            this.node = first;
            this.member = member;
            this.secretary = secretary;
            this.reviewer = reviewer;
        }

        void loop() {
            while (running.get()) {
                try {
                    if (paused.get()) {
                        Thread.sleep(100);
                        continue;
                    }
                    cycle();
                } catch (CutOff e) {
                    cutOff.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void cycle() throws CutOff, InterruptedException {
            HttpResponse<String> filed = call(member, "POST", "/api/cases", "{\"process\":\"report\",\"subject\":\"两节点"
                    + UUID.randomUUID() + "\",\"data\":{\"title\":\"学习情况\",\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}");
            if (!ok(filed)) {
                return;
            }
            String caseId = PortalClient.field(filed.body(), "id");
            cases.add(caseId);
            HttpResponse<String> view = call(member, "GET", "/api/cases/" + caseId, null);
            String review = ok(view) ? PortalClient.field(view.body(), "taskId") : null;
            if (review == null) {
                return;
            }
            if (ok(call(member, "POST", "/api/tasks/" + review + "/remind", "{\"message\":\"请尽快审核\"}"))) {
                reminders.add(review);
            }
            String text = "两节点评论-" + UUID.randomUUID();
            // a task's comments are for those who may act on it: the branch secretary, before claiming it
            if (ok(call(secretary, "POST", "/api/tasks/" + review + "/comments", "{\"text\":\"" + text + "\"}"))) {
                comments.add(text);
            }
            if (ok(call(secretary, "POST", "/api/tasks/" + review + "/claim", null))) {
                claims.add(review);
            }
            HttpResponse<String> approved = call(secretary, "POST", "/api/tasks/" + review + "/complete",
                    "{\"data\":{\"decision\":\"APPROVE\"}}");
            if (!ok(approved)) {
                return;
            }
            completions.add(review);
            String archive = PortalClient.field(approved.body(), "taskId");
            if (archive != null && ok(call(reviewer, "POST", "/api/tasks/" + archive + "/complete",
                    "{\"data\":{\"archiveNo\":\"GD-" + archive.substring(0, 8).toUpperCase() + "\"}}"))) {
                completions.add(archive);
            }
        }

        private boolean ok(HttpResponse<String> r) {
            return r != null && r.statusCode() / 100 == 2;
        }

        /** Sends to the node after the last one; null when the load stopped first. */
        private HttpResponse<String> call(NodeClient who, String method, String path, String json)
                throws CutOff, InterruptedException {
            node = 1 - node;
            int refused = 0;
            while (running.get()) {
                try {
                    HttpResponse<String> r = who.api(node, method, path, json);
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503) {
                        node = 1 - node;
                        Thread.sleep(200);
                        continue;
                    }
                    if (r.statusCode() / 100 == 2) {
                        servedBy[node].incrementAndGet();
                        if (node == 1 && System.nanoTime() > restartedAt.get()) {
                            servedAfterRestart.incrementAndGet();
                        }
                    } else {
                        unexpected.add(node + " " + method + " " + path + " → " + r.statusCode() + " " + r.body());
                    }
                    return r;
                } catch (ConnectException down) {
                    // nothing was sent: the other node takes it
                    failovers.incrementAndGet();
                    node = 1 - node;
                    if (++refused % 2 == 0) {
                        Thread.sleep(200);
                    }
                } catch (IOException e) {
                    throw new CutOff(e);
                }
            }
            return null;
        }
    }
}
