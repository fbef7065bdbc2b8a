package cn.xianfeng.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The profile behind the engine path's counts: while a side ({@code engine} or {@code raw}) is open, every statement
 * and commit {@link SqlCounter} sees is tallied by that side, the kind of thread that ran it and its SQL text. The
 * report then breaks statements and commits per step down by thread kind, names the after-commit work's statements
 * and lists what the engine's calling thread runs beyond raw Flowable's.
 */
final class StepProfile {

    static final String CALLING = "calling thread";
    static final String COMMIT = "(Connection.commit)";

    private record Key(String side, String kind, String sql) {
    }

    /** [statements, commits, nanoseconds inside JDBC] per side, thread kind and statement. */
    private static final Map<Key, LongAdder[]> TALLY = new ConcurrentHashMap<>();
    private static volatile String side;
    /**
     * -Dxianfeng.bench.trace=a;b: prints where tallied statements containing each text came from, once per distinct
     * path through the application's code (at most four per text).
     */
    private static final List<String> TRACE = java.util.Arrays.stream(System.getProperty("xianfeng.bench.trace", "")
            .split(";")).filter(t -> !t.isBlank()).toList();
    private static final Map<String, java.util.Set<String>> TRACED = new ConcurrentHashMap<>();

    private StepProfile() {
    }

    /** Wall-clock windows of the timed steps (the call and its drain), per side, for the profile of those alone. */
    record Window(String side, java.time.Instant start, java.time.Instant end) {
    }

    private static final List<Window> WINDOWS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile java.time.Instant opened;

    /** Tallies what follows under {@code name}; null stops tallying and closes the step's window. */
    static void side(String name) {
        String before = side;
        side = name;
        if (name != null) {
            opened = java.time.Instant.now();
        } else if (before != null && opened != null) {
            WINDOWS.add(new Window(before, opened, java.time.Instant.now()));
            opened = null;
        }
    }

    /** True when {@code at} falls in a timed step window of {@code side}. */
    static boolean inWindow(String side, java.time.Instant at) {
        for (Window w : WINDOWS) {
            if (w.side().equals(side) && !at.isBefore(w.start()) && !at.isAfter(w.end())) {
                return true;
            }
        }
        return false;
    }

    /** The kind of the current thread, as the report names it. */
    static String kind(Thread t) {
        String name = t.getName();
        if (name.equals("main")) {
            return CALLING;
        }
        if (name.startsWith("task-")) {
            return "after-commit listeners (task-)";
        }
        if (name.startsWith("scheduling-")) {
            return "scheduled jobs (scheduling-)";
        }
        if (name.startsWith("search-indexer")) {
            return "search indexer";
        }
        return "other (" + name.replaceAll("[-_ ]?\\d+$", "") + ")";
    }

    static void statement(String sql, long n, boolean autoCommit, long nanos) {
        String s = side;
        if (s != null) {
            LongAdder[] a = TALLY.computeIfAbsent(new Key(s, kind(Thread.currentThread()), shorten(sql)), k -> adders());
            for (String t : TRACE) {
                if (sql.contains(t)) {
                    trace(s, t);
                }
            }
            a[0].add(n);
            a[2].add(nanos);
            if (autoCommit) {
                a[1].increment();
            }
        }
    }

    private static void trace(String side, String text) {
        Throwable where = new Throwable("bench trace (" + side + ", " + Thread.currentThread().getName() + "): " + text);
        String path = java.util.Arrays.stream(where.getStackTrace()).map(StackTraceElement::toString)
                .filter(f -> f.startsWith("cn.xianfeng.") && !f.startsWith("cn.xianfeng.bench.")).reduce("", String::concat);
        java.util.Set<String> seen = TRACED.computeIfAbsent(text, k -> ConcurrentHashMap.newKeySet());
        if (seen.size() < 4 && seen.add(path)) {
            where.printStackTrace(System.out);
        }
    }

    static void commit(long nanos) {
        String s = side;
        if (s != null) {
            LongAdder[] a = TALLY.computeIfAbsent(new Key(s, kind(Thread.currentThread()), COMMIT), k -> adders());
            a[1].increment();
            a[2].add(nanos);
        }
    }

    /** The calling thread's milliseconds per step of {@code side} inside JDBC: [statements, commits]. */
    static double[] callingJdbcMillis(String side, long steps) {
        double[] out = new double[2];
        TALLY.forEach((k, v) -> {
            if (k.side().equals(side) && k.kind().equals(CALLING)) {
                out[k.sql().equals(COMMIT) ? 1 : 0] += v[2].sum() / 1e6 / steps;
            }
        });
        return out;
    }

    private static LongAdder[] adders() {
        return new LongAdder[]{new LongAdder(), new LongAdder(), new LongAdder()};
    }

    private static String shorten(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 119) + "…" : one;
    }

    /** Statements and commits per step of {@code side} by thread kind: kind → [statements, commits]. */
    static Map<String, double[]> byKind(String side, long steps) {
        Map<String, double[]> out = new TreeMap<>(Comparator.comparing((String k) -> !k.equals(CALLING)).thenComparing(k -> k));
        TALLY.forEach((k, v) -> {
            if (k.side().equals(side)) {
                double[] d = out.computeIfAbsent(k.kind(), x -> new double[2]);
                d[0] += v[0].sum() / (double) steps;
                d[1] += v[1].sum() / (double) steps;
            }
        });
        return out;
    }

    /** Markdown: statements and commits per step by thread kind, engine beside raw. */
    static String kindTable(long steps) {
        Map<String, double[]> engine = byKind("engine", steps);
        Map<String, double[]> raw = byKind("raw", steps);
        java.util.Set<String> kinds = new java.util.TreeSet<>(Comparator.comparing((String k) -> !k.equals(CALLING))
                .thenComparing(k -> k));
        kinds.addAll(engine.keySet());
        kinds.addAll(raw.keySet());
        StringBuilder md = new StringBuilder("| thread kind | engine statements/step | engine commits/step | raw statements/step "
                + "| raw commits/step |\n|---|---|---|---|---|\n");
        double[] te = new double[2];
        double[] tr = new double[2];
        for (String k : kinds) {
            double[] e = engine.getOrDefault(k, new double[2]);
            double[] r = raw.getOrDefault(k, new double[2]);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", k, e[0], e[1], r[0], r[1]));
            te[0] += e[0];
            te[1] += e[1];
            tr[0] += r[0];
            tr[1] += r[1];
        }
        md.append(String.format(Locale.ROOT, "| all threads | %.2f | %.2f | %.2f | %.2f |%n", te[0], te[1], tr[0], tr[1]));
        return md.toString();
    }

    /** Markdown: the statements (and commits) of {@code side} on threads other than the calling one, most first. */
    static String afterCommitTop(String side, long steps, int limit) {
        List<Map.Entry<Key, LongAdder[]>> rows = new ArrayList<>();
        TALLY.forEach((k, v) -> {
            if (k.side().equals(side) && !k.kind().equals(CALLING)) {
                rows.add(Map.entry(k, v));
            }
        });
        rows.sort(Comparator.comparingLong((Map.Entry<Key, LongAdder[]> e) -> -(e.getValue()[0].sum() + e.getValue()[1].sum())));
        StringBuilder md = new StringBuilder("| thread kind | statement | per step | commits per step |\n|---|---|---|---|\n");
        rows.stream().limit(limit).forEach(e -> md.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f | %.2f |%n",
                e.getKey().kind(), e.getKey().sql().replace("|", "\\|"), e.getValue()[0].sum() / (double) steps,
                e.getValue()[1].sum() / (double) steps)));
        return md.toString();
    }

    /** Markdown: the calling thread's statements per step, engine against raw, largest difference first. */
    static String callingDifference(long steps, int limit) {
        Map<String, double[]> bySql = new java.util.HashMap<>();
        TALLY.forEach((k, v) -> {
            if (k.kind().equals(CALLING) && !k.sql().equals(COMMIT)) {
                double[] d = bySql.computeIfAbsent(k.sql(), x -> new double[4]);
                int side = k.side().equals("engine") ? 0 : 1;
                d[side] += v[0].sum() / (double) steps;
                d[2 + side] += v[2].sum() / 1e6 / steps;
            }
        });
        List<Map.Entry<String, double[]>> rows = new ArrayList<>(bySql.entrySet());
        rows.removeIf(e -> Math.abs(e.getValue()[0] - e.getValue()[1]) < 0.005);
        rows.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -Math.abs(e.getValue()[0] - e.getValue()[1])));
        StringBuilder md = new StringBuilder("| statement | engine per step | raw per step | difference "
                + "| engine ms per step in JDBC | raw ms per step in JDBC |\n|---|---|---|---|---|---|\n");
        rows.stream().limit(limit).forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.2f | %+.2f | %.2f | %.2f |%n",
                e.getKey().replace("|", "\\|"), e.getValue()[0], e.getValue()[1], e.getValue()[0] - e.getValue()[1],
                e.getValue()[2], e.getValue()[3])));
        return md.toString();
    }
}
