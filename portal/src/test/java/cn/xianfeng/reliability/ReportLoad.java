package cn.xianfeng.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that each, over and over, file a 情况报告 (zhaoliu), approve its review (zhangsan) and archive it
 * (chenyi), and write down every reply: which cases and completions got a 2xx, every status seen, every
 * reply body of a 5xx. A 503 is retried after a pause (a client told "try again"); a dead connection ends the
 * thread (the portal was killed).
 */
final class ReportLoad {

    final Set<String> createdCases = ConcurrentHashMap.newKeySet();
    final Set<String> completedTasks = ConcurrentHashMap.newKeySet();
    /** Every attempt's status per task id, in order. */
    final Map<String, Queue<Integer>> attempts = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    final Queue<String> unavailableReplies = new ConcurrentLinkedQueue<>();
    /** Replies other than 2xx and 503, with their bodies: none are expected. */
    final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    final AtomicInteger brokenConnections = new AtomicInteger();
    final AtomicLong lastSuccessNanos = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final PortalClient member;
    private final PortalClient secretary;
    private final PortalClient reviewer;

    ReportLoad(int port) throws Exception {
        this.member = PortalClient.signIn(port, "zhaoliu");
        this.secretary = PortalClient.signIn(port, "zhangsan");
        this.reviewer = PortalClient.signIn(port, "chenyi");
    }

    ReportLoad start(int threadCount, String label) {
        for (int i = 0; i < threadCount; i++) {
            int n = i;
            Thread t = new Thread(() -> loop(label + "-" + n), "load-" + label + "-" + n);
            t.start();
            threads.add(t);
        }
        return this;
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    int count(int status) {
        return statuses.getOrDefault(status, new AtomicInteger()).get();
    }

    int total() {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void loop(String label) {
        try {
            while (running.get()) {
                HttpResponse<String> filed = untilAnswered(() -> member.fileReport("负载" + label + "-" + System.nanoTime()), null);
                if (filed == null || filed.statusCode() != 201) {
                    continue;
                }
                String caseId = PortalClient.field(filed.body(), "id");
                createdCases.add(caseId);
                HttpResponse<String> view = untilAnswered(() -> secretary.api("GET", "/api/cases/" + caseId, null), null);
                String review = view == null ? null : PortalClient.field(view.body(), "taskId");
                if (review == null) {
                    continue;
                }
                HttpResponse<String> reviewed = untilAnswered(() -> secretary.approve(review), review);
                String archive = reviewed != null && reviewed.statusCode() == 200
                        ? PortalClient.field(reviewed.body(), "taskId") : null;
                if (archive != null) {
                    untilAnswered(() -> reviewer.archive(archive), archive);
                }
            }
        } catch (IOException portalGone) {
            brokenConnections.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    /** Sends until the reply is not a 503 (or the load stops); null when stopped first. */
    private HttpResponse<String> untilAnswered(Call call, String taskId) throws IOException, InterruptedException {
        while (running.get()) {
            HttpResponse<String> r = call.send();
            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (taskId != null) {
                attempts.computeIfAbsent(taskId, t -> new ConcurrentLinkedQueue<>()).add(r.statusCode());
                if (r.statusCode() / 100 == 2) {
                    completedTasks.add(taskId);
                }
            }
            if (r.statusCode() / 100 == 2) {
                lastSuccessNanos.set(System.nanoTime());
            }
            if (r.statusCode() >= 500 && r.statusCode() != 503) {
                serverErrors.add(r.statusCode() + " " + r.body());
            } else if (r.statusCode() / 100 != 2 && r.statusCode() != 503) {
                refusals.add(r.statusCode() + " " + r.body());
            }
            if (r.statusCode() != 503) {
                return r;
            }
            unavailableReplies.add(r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
            Thread.sleep(200);
        }
        return null;
    }
}
