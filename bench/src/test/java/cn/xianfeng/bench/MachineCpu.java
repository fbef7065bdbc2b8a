package cn.xianfeng.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went over a window, from /proc: this JVM, PostgreSQL (every backend and helper), Elasticsearch,
 * the portal process, everything else, and what stayed idle, in cores. It tells a target missed because our code is slow
 * from one missed because the parts that share the machine's cores left it none.
 */
final class MachineCpu {

    static final List<String> KINDS = List.of("bench JVM", "PostgreSQL", "Elasticsearch", "portal", "other", "idle");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on
    private static final long SELF = ProcessHandle.current().pid();

    private final Map<Long, Long> ticks;
    private final long idle;
    private final long nanos = System.nanoTime();

    private MachineCpu(Map<Long, Long> ticks, long idle) {
        this.ticks = ticks;
        this.idle = idle;
    }

    static MachineCpu now() {
        return new MachineCpu(processTicks(), idleTicks());
    }

    /** Cores used per kind since this snapshot (a process started meanwhile counts whole; one ended meanwhile, not). */
    Map<String, Double> coresSince() {
        Map<Long, Long> after = processTicks();
        long idleAfter = idleTicks();
        double seconds = (System.nanoTime() - nanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        KINDS.forEach(k -> cores.put(k, 0.0));
        after.forEach((pid, t) -> {
            long used = t - ticks.getOrDefault(pid, 0L);
            if (used > 0) {
                cores.merge(kind(pid), used / TICKS_PER_SECOND / seconds, Double::sum);
            }
        });
        cores.put("idle", idle < 0 || idleAfter < 0 ? Double.NaN : (idleAfter - idle) / TICKS_PER_SECOND / seconds);
        return cores;
    }

    /** "bench JVM 0.92 · PostgreSQL 0.61 · … · idle 0.05 cores of 2", kinds that used nothing left out. */
    static String describe(Map<String, Double> cores) {
        StringBuilder out = new StringBuilder();
        cores.forEach((kind, c) -> {
            if (c >= 0.005 || kind.equals("idle")) {
                out.append(out.isEmpty() ? "" : " · ").append(kind).append(String.format(" %.2f", c));
            }
        });
        return out + " cores of " + Runtime.getRuntime().availableProcessors();
    }

    /** The Elasticsearch server's process (not its command-line launcher), if one runs on this machine. */
    static java.util.Optional<Long> elasticsearchServer() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                if (read(p.resolve("cmdline")).contains("org.elasticsearch.bootstrap.Elasticsearch")) {
                    return java.util.Optional.of(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to attribute
        }
        return java.util.Optional.empty();
    }

    private static final Map<Long, String> KIND_OF = new HashMap<>();

    private static synchronized String kind(long pid) {
        return KIND_OF.computeIfAbsent(pid, p -> {
            if (p == SELF) {
                return "bench JVM";
            }
            String cmd = read(Path.of("/proc", Long.toString(p), "cmdline")).replace('\0', ' ');
            if (cmd.startsWith("postgres")) {
                return "PostgreSQL";
            }
            if (cmd.contains("org.elasticsearch")) {
                return "Elasticsearch";
            }
            if (cmd.contains("xianfeng-portal")) {
                return "portal";
            }
            return "other";
        });
    }

    private static Map<Long, Long> processTicks() {
        Map<Long, Long> out = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                String stat = read(p.resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue; // gone meanwhile
                }
                // after "pid (comm)": state is field 3, utime and stime fields 14 and 15
                String[] f = stat.substring(close + 2).trim().split(" ");
                if (f.length > 12) {
                    out.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** The machine's idle and iowait ticks (all CPUs), or -1 where /proc/stat is not there. */
    private static long idleTicks() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElse("").trim().split("\\s+");
        return cpu.length > 5 && cpu[0].equals("cpu") ? Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]) : -1;
    }

    /** A /proc file's text (read as a stream: procfs reports sizes that whole-file reads trust), "" if gone. */
    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
