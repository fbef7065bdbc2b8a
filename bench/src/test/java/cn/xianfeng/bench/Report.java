package cn.xianfeng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The measured rows (value, target, met/missed) and notes, written as Markdown and JSON. */
final class Report {

    // the targets of issue 17, in its order with the ratios first; each names the row that measures it
    static final String ENGINE_RATIO = "Engine path ≥ 0.8 × raw Flowable steps/s";
    static final String HTTP_RATIO = "HTTP completion-only, 8 clients: completions/s ≥ 1.0 × raw Flowable's single-thread steps/s";
    static final String BULK_RATIO = "Bulk indexing (the rebuild's path) ≥ 0.8 × raw Elasticsearch bulk";
    static final String ENGINE_STATEMENTS = "Engine path ≤ 37 SQL statements per step, all threads";
    static final String HTTP_P99 = "HTTP completion-only, 8 clients: p99 ≤ 100 ms";
    static final String HTTP_ERRORS = "HTTP completion-only, 8 clients: 0 errors";
    static final String MIXED_TODO = "HTTP mixed workload, 32 clients: todo p95 ≤ 100 ms";
    static final String OWED_TOWNSHIP = "/api/owed over HTTP, township: p95 ≤ 20 ms";
    static final String OWED_ROOT = "/api/owed over HTTP, county root: p95 ≤ 100 ms";
    static final String OWED_SIZE = "/api/owed over HTTP, county root: response ≤ 200 KB";
    static final String DOSSIER_MEDIAN = "Dossier (25 steps, 10 scans, PDF/A, signed): median ≤ 300 ms";
    static final String DOSSIER_STATEMENTS = "Dossier: ≤ 10 SQL statements, all threads";
    static final String APPEND_PG = "Audit append, PostgreSQL search: ≥ 1,500 events/s sustained";
    static final String LAG_PG = "Audit append, PostgreSQL search: commit-to-searchable lag p99 ≤ 2 s";
    static final String APPEND_ES = "Audit append, Elasticsearch: ≥ 1,500 events/s sustained";
    static final String LAG_ES = "Audit append, Elasticsearch: commit-to-searchable lag p99 ≤ 2 s";
    static final String VERIFY = "Audit verification ≥ 50,000 events/s, warm";
    static final String HEAP = "Portal heap ≤ 512 MB under the HTTP load";
    static final String RSS = "Portal RSS under the HTTP load (reported)";
    static final List<String> TARGETS = List.of(ENGINE_RATIO, HTTP_RATIO, BULK_RATIO, ENGINE_STATEMENTS, HTTP_P99,
            HTTP_ERRORS, MIXED_TODO, OWED_TOWNSHIP, OWED_ROOT, OWED_SIZE, DOSSIER_MEDIAN, DOSSIER_STATEMENTS, APPEND_PG,
            LAG_PG, APPEND_ES, LAG_ES, VERIFY, HEAP, RSS);

    /**
     * {@code atLeast}: the target is a floor (throughput) rather than a ceiling (latency); null target: informational.
     * {@code key}: the target this row measures, or null.
     */
    record Row(String section, String measure, double value, String unit, Double target, boolean atLeast, String key) {
        String verdict() {
            if (target == null) {
                return "—";
            }
            if (!Double.isFinite(value)) {
                return "missed";
            }
            return (atLeast ? value >= target : value <= target) ? "met" : "missed";
        }
    }

    final String mode;
    final List<Row> rows = new ArrayList<>();
    final Map<String, String> notes = new LinkedHashMap<>();
    final Map<String, Object> facts = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    Report(String mode) {
        this.mode = mode;
    }

    void add(String section, String measure, double value, String unit) {
        rows.add(new Row(section, measure, value, unit, null, false, null));
    }

    void atMost(String section, String measure, double value, String unit, double target) {
        rows.add(new Row(section, measure, value, unit, target, false, null));
    }

    void atLeast(String section, String measure, double value, String unit, double target) {
        rows.add(new Row(section, measure, value, unit, target, true, null));
    }

    /** A row measuring one of the targets ({@code key}); a null {@code target} reports without a verdict. */
    void target(String key, String section, String measure, double value, String unit, Double target, boolean atLeast) {
        if (!TARGETS.contains(key)) {
            throw new IllegalArgumentException("not a target of the issue: " + key);
        }
        rows.add(new Row(section, measure, value, unit, target, atLeast, key));
    }

    java.util.Optional<Row> targetRow(String key) {
        return rows.stream().filter(r -> key.equals(r.key())).findFirst();
    }

    void note(String title, String text) {
        notes.put(title, text);
    }

    void fact(String key, Object value) {
        facts.put(key, value);
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("latest.md"), markdown());
            Files.writeString(dir.resolve("latest.json"), json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Xianfeng benchmark (" + mode + ")\n\n");
        md.append("Run at ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, bench wall time ").append(String.format(Locale.ROOT, "%.0f s", elapsedSeconds())).append(".\n\n");
        facts.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Targets (issue 17: same run, same machine, ratios first)\n\n| target | measured | result |\n|---|---|---|\n");
        for (String key : TARGETS) {
            md.append("| ").append(key).append(" | ").append(targetRow(key)
                    .map(r -> number(r.value()) + " " + r.unit() + " (" + r.section() + ")").orElse("not measured in this run"))
                    .append(" | ").append(targetRow(key).map(Row::verdict).orElse("—")).append(" |\n");
        }
        md.append("\n## All measures\n\n| section | measure | value | target | result |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.section()).append(" | ").append(r.measure()).append(" | ")
                    .append(number(r.value())).append(' ').append(r.unit()).append(" | ")
                    .append(r.target() == null ? "" : (r.atLeast() ? "≥ " : "≤ ") + number(r.target()) + " " + r.unit())
                    .append(" | ").append(r.verdict()).append(" |\n");
        }
        notes.forEach((title, text) -> md.append("\n## ").append(title).append("\n\n").append(text).append('\n'));
        return md.toString();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    String json() {
        StringBuilder j = new StringBuilder("{\n  \"mode\": ").append(quote(mode))
                .append(",\n  \"at\": ").append(quote(Instant.now().toString()))
                .append(",\n  \"wallSeconds\": ").append(String.format(Locale.ROOT, "%.1f", elapsedSeconds()))
                .append(",\n  \"facts\": {");
        int i = 0;
        for (var e : facts.entrySet()) {
            j.append(i++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
                    .append(e.getValue() instanceof Number n ? n.toString() : quote(String.valueOf(e.getValue())));
        }
        j.append("\n  },\n  \"rows\": [");
        i = 0;
        for (Row r : rows) {
            j.append(i++ == 0 ? "\n" : ",\n").append("    {\"section\": ").append(quote(r.section()))
                    .append(", \"measure\": ").append(quote(r.measure()))
                    .append(", \"value\": ").append(Double.isFinite(r.value()) ? String.format(Locale.ROOT, "%.4f", r.value()) : "null")
                    .append(", \"unit\": ").append(quote(r.unit()))
                    .append(", \"target\": ").append(r.target() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.target()))
                    .append(", \"atLeast\": ").append(r.atLeast())
                    .append(", \"result\": ").append(quote(r.verdict()))
                    .append(", \"issueTarget\": ").append(r.key() == null ? "null" : quote(r.key())).append('}');
        }
        j.append("\n  ],\n  \"notes\": {");
        i = 0;
        for (var e : notes.entrySet()) {
            j.append(i++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
        }
        return j.append("\n  }\n}\n").toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
