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

    /** {@code atLeast}: the target is a floor (throughput) rather than a ceiling (latency); null target: informational. */
    record Row(String section, String measure, double value, String unit, Double target, boolean atLeast) {
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
        rows.add(new Row(section, measure, value, unit, null, false));
    }

    void atMost(String section, String measure, double value, String unit, double target) {
        rows.add(new Row(section, measure, value, unit, target, false));
    }

    void atLeast(String section, String measure, double value, String unit, double target) {
        rows.add(new Row(section, measure, value, unit, target, true));
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
        md.append("\n| section | measure | value | target | result |\n|---|---|---|---|---|\n");
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
                    .append(", \"result\": ").append(quote(r.verdict())).append('}');
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
