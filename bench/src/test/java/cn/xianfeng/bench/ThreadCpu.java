package cn.xianfeng.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM's CPU over a window per kind of thread, from /proc/&lt;pid&gt;/task: request threads, JIT compilers, garbage
 * collection, JFR and the rest. JFR's execution samples see only threads running Java code, so a process's CPU per
 * request can be mostly threads a profile never shows (the JIT still compiling, the collector); this says which.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ
    static final String JIT = "JIT compilers";
    static final String REQUESTS = "request threads";
    /** A JVM's JIT has settled when its compiler threads used at most this share of a warm-up round's wall time. */
    static final double JIT_SETTLED = 0.05;

    private final long pid;
    private final Map<Long, Sample> before;

    private record Sample(String name, long ticks, long kernelTicks) {
    }

    /** CPU seconds per kind, and of them the seconds spent in the kernel (system calls: sockets, futexes). */
    record Usage(Map<String, Double> seconds, Map<String, Double> kernelSeconds) {
    }

    private ThreadCpu(long pid) {
        this.pid = pid;
        this.before = threads(pid);
    }

    static ThreadCpu of(long pid) {
        return new ThreadCpu(pid);
    }

    /** CPU seconds per kind since the snapshot, largest first (threads started meanwhile count whole). */
    Map<String, Double> secondsSince() {
        return usageSince().seconds();
    }

    /** {@link #secondsSince} with the kernel's part of each kind, from one reading. */
    Usage usageSince() {
        Map<String, Double> kinds = new HashMap<>();
        Map<String, Double> kernel = new HashMap<>();
        threads(pid).forEach((tid, now) -> {
            Sample was = before.get(tid);
            long used = now.ticks() - (was == null ? 0 : was.ticks());
            if (used > 0) {
                kinds.merge(kind(now.name()), used / TICKS_PER_SECOND, Double::sum);
                kernel.merge(kind(now.name()), (now.kernelTicks() - (was == null ? 0 : was.kernelTicks()))
                        / TICKS_PER_SECOND, Double::sum);
            }
        });
        return new Usage(kinds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)),
                kernel);
    }

    /** CPU seconds of one kind since the snapshot. */
    double secondsSince(String kind) {
        return secondsSince().getOrDefault(kind, 0.0);
    }

    /** "request threads 1.20 ms · JIT compilers 3.10 ms · …" per request. */
    static String describePerRequest(Map<String, Double> seconds, long requests) {
        return seconds.entrySet().stream()
                .map(e -> String.format("%s %.2f ms", e.getKey(), e.getValue() * 1000 / Math.max(1, requests)))
                .collect(Collectors.joining(" · "));
    }

    /** As {@link #describePerRequest(Map, long)}, the request threads' kernel share beside them. */
    static String describePerRequest(Usage usage, long requests) {
        return usage.seconds().entrySet().stream()
                .map(e -> String.format("%s %.2f ms", e.getKey(), e.getValue() * 1000 / Math.max(1, requests))
                        + (e.getKey().equals(REQUESTS) && e.getValue() > 0 ? String.format(" (%.0f %% of it in the kernel)",
                        usage.kernelSeconds().getOrDefault(REQUESTS, 0.0) * 100 / e.getValue()) : ""))
                .collect(Collectors.joining(" · "));
    }

    /** Thread names as Linux keeps them (the first 15 characters of the Java name). */
    static String kind(String name) {
        if (name.startsWith("http-nio") || name.startsWith("https-jsse")) {
            return REQUESTS;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic")
                || name.startsWith("VM Thread")) {
            return "GC and VM thread";
        }
        if (name.startsWith("JFR") || name.startsWith("Attach") || name.startsWith("RMI")) {
            return "JFR and attach";
        }
        if (name.startsWith("elasticsearch[")) {
            return "Elasticsearch's pools"; // Linux keeps "elasticsearch[x": which pool is cut off
        }
        if (name.startsWith("HttpClient")) {
            return "HTTP client";
        }
        if (name.startsWith("HikariPool") || name.startsWith("pool-") || name.startsWith("scheduling")
                || name.startsWith("xianfeng") || name.startsWith("flowable") || name.startsWith("task-")) {
            return "pools and schedulers";
        }
        return "other";
    }

    private static Map<Long, Sample> threads(long pid) {
        Map<Long, Sample> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state …": the name may hold spaces and parentheses; the fields follow the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    // after the name: state(0) … utime(11) stime(12)
                    out.put(Long.parseLong(task.getFileName().toString()),
                            new Sample(stat.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                                    Long.parseLong(f[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of " + pid, e);
        }
        return out;
    }
}
