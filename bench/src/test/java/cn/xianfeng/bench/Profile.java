package cn.xianfeng.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a section's CPU goes: JFR's execution samples (every 10 ms per running thread) taken in this JVM (samples
 * alone) or in the portal's (by jcmd, JFR's "profile" settings), summed per component (a sample counts for every component on its stack,
 * as a profiler's "total" column), per thread kind, and per method at the top of the stack ("self"). It is what the
 * report puts beside a missed target.
 */
final class Profile {

    /** Components by package prefix, most specific first; a sample counts once per component on its stack. */
    private static final Map<String, String> COMPONENTS = components();

    private final Map<String, Long> components = new HashMap<>();
    private final Map<String, Long> threads = new HashMap<>();
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> ours = new HashMap<>();
    private final Map<String, Long> calls = new HashMap<>();
    private long samples;
    /** Which samples count, by their time (null: all of them). */
    private final java.util.function.Predicate<java.time.Instant> when;

    Profile() {
        this(null);
    }

    Profile(java.util.function.Predicate<java.time.Instant> when) {
        this.when = when;
    }

    private static Map<String, String> components() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("org.flowable.", "Flowable (engine, its MyBatis mapping)");
        c.put("org.apache.ibatis.", "MyBatis (under Flowable)");
        c.put("org.postgresql.", "PostgreSQL JDBC driver");
        c.put("com.zaxxer.hikari.", "Hikari pool");
        c.put("net.ttddyy.dsproxy.", "datasource-proxy (the bench's counting)");
        c.put("org.springframework.security.", "Spring Security filters");
        c.put("org.springframework.session.", "Spring Session (JDBC)");
        c.put("org.springframework.transaction.", "Spring transactions");
        c.put("org.springframework.modulith.", "Spring Modulith events");
        c.put("org.springframework.web.", "Spring MVC");
        c.put("com.fasterxml.jackson.", "Jackson (JSON)");
        c.put("org.thymeleaf.", "Thymeleaf");
        c.put("co.elastic.", "Elasticsearch Java client");
        c.put("org.apache.http.", "HTTP client (Elasticsearch)");
        c.put("org.apache.hc.", "HTTP client (Elasticsearch)");
        c.put("com.lowagie.", "OpenPDF");
        c.put("org.apache.pdfbox.", "PDFBox");
        c.put("org.apache.catalina.", "Tomcat");
        c.put("org.apache.coyote.", "Tomcat");
        c.put("cn.xianfeng.bench.", "the bench itself");
        c.put("cn.xianfeng.", "Xianfeng's own code (inclusive)");
        return c;
    }

    /** Records this JVM until the returned handle is closed, then reads the samples into {@code into}. */
    static AutoCloseable record(Profile into, Path dir, String name) throws Exception {
        Recording recording = new Recording(); // execution samples alone: the least a profile can cost the timings
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
        return () -> {
            Path file = dir.resolve(name + ".jfr");
            Files.createDirectories(dir);
            recording.stop();
            recording.dump(file);
            recording.close();
            into.read(file);
        };
    }

    /** As {@link #record(Profile, Path, String)}, the one recording read into several profiles (each its own samples). */
    static AutoCloseable record(List<Profile> into, Path dir, String name) throws Exception {
        Profile first = into.get(0);
        AutoCloseable recording = record(first, dir, name);
        return () -> {
            recording.close();
            for (Profile p : into.subList(1, into.size())) {
                p.read(dir.resolve(name + ".jfr"));
            }
        };
    }

    /**
     * Records another JVM (the portal process) by jcmd until the returned handle is closed: execution samples alone,
     * as in this JVM. The report reads nothing else, and JFR's "profile" settings added allocation, lock, park, socket
     * and I/O events with their stacks, and periodic statistics, to the process being timed.
     */
    static AutoCloseable record(Profile into, long pid, Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".jfr").toAbsolutePath();
        Path settings = dir.resolve("execution-samples.jfc").toAbsolutePath();
        if (!Files.exists(settings)) {
            Files.writeString(settings, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <configuration version="2.0">
                      <event name="jdk.ExecutionSample">
                        <setting name="enabled">true</setting>
                        <setting name="period">10 ms</setting>
                      </event>
                    </configuration>
                    """);
        }
        jcmd(pid, "JFR.start", "name=" + name, "settings=" + settings);
        return () -> {
            jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file);
            into.read(file);
        };
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || out.contains("Could not") || out.contains("Exception")) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + ": " + out.strip());
        }
    }

    void read(Path file) throws IOException {
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent e = events.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample")
                        && (when == null || when.test(e.getStartTime()))) {
                    add(e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName(),
                            e.getStackTrace());
                }
            }
        }
    }

    private void add(String thread, RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        threads.merge(threadKind(thread), 1L, Long::sum);
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(method(frames.get(0)), 1L, Long::sum);
        java.util.Set<String> seen = new java.util.HashSet<>();
        int ourTop = -1;
        for (int i = 0; i < frames.size(); i++) {
            String type = frames.get(i).getMethod().getType().getName();
            COMPONENTS.entrySet().stream().filter(c -> type.startsWith(c.getKey())).findFirst()
                    .ifPresent(c -> seen.add(c.getValue()));
            if (ourTop < 0 && type.startsWith("cn.xianfeng.") && !type.startsWith("cn.xianfeng.bench.")) {
                ourTop = i; // the innermost of our frames: which of our methods the time is spent under
            }
        }
        seen.forEach(c -> components.merge(c, 1L, Long::sum));
        if (ourTop >= 0) {
            ours.merge(method(frames.get(ourTop)), 1L, Long::sum);
            // and what it was calling: the first framework method below it (the call that took the time)
            String path = method(frames.get(ourTop)) + (ourTop == 0 ? " (itself)" : " → " + method(frames.get(ourTop - 1)));
            calls.merge(path, 1L, Long::sum);
        }
    }

    private static String method(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    /** Thread names as the portal and the engine name their pools; the rest by their name less its number. */
    static String threadKind(String name) {
        String kind = name.replaceAll("[-#_ ]?\\d+$", "").replaceAll("-\\d+-", "-");
        if (name.startsWith("http-nio")) {
            return "request threads (http-nio-*-exec)";
        }
        return kind.isEmpty() ? name : kind;
    }

    long samples() {
        return samples;
    }

    /** Markdown: samples per component (inclusive), per thread kind, and the hottest methods, self and ours. */
    String markdown(int top) {
        if (samples == 0) {
            return "no execution samples";
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "%,d execution samples (JFR, 10 ms per running thread).%n%n| on the stack (inclusive) | share |%n|---|---|%n",
                samples));
        table(md, components, top);
        md.append("\n| thread kind | share |\n|---|---|\n");
        table(md, threads, top);
        md.append("\n| method at the top of the stack (self) | share |\n|---|---|\n");
        table(md, self, top);
        md.append("\n| innermost Xianfeng method on the stack | share |\n|---|---|\n");
        table(md, ours, top);
        md.append("\n| innermost Xianfeng method → the method it was calling | share |\n|---|---|\n");
        table(md, calls, top);
        return md.toString();
    }

    private void table(StringBuilder md, Map<String, Long> counts, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> md.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / samples)).append(" |\n"));
    }
}
