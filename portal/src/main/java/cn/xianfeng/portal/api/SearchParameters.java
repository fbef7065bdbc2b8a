package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Page;
import cn.xianfeng.common.InvalidInputException.Violation;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchTypes.Kind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The query string of /api/search read as text, so that every bad parameter is named in one 400. */
final class SearchParameters {

    private SearchParameters() {
    }

    static Search.Request read(String q, String kind, String process, String org, String actor, String action,
                               String from, String to, String page, String size, ZoneId zone) {
        List<Violation> bad = new ArrayList<>();
        if (q != null && q.length() > 200) {
            bad.add(new Violation("q", Refusal.of("search.queryMax200")));
        }
        Kind k = kind(kind, bad);
        LocalDate start = date("from", from, bad);
        LocalDate end = date("to", to, bad);
        if (start != null && end != null && end.isBefore(start)) {
            bad.add(new Violation("to", Refusal.of("complaint.endBeforeStart")));
        }
        int p = number("page", page, 0, 0, 10_000, bad);
        // a size beyond the largest page is clamped, as on every list
        int s = Page.clampSize(number("size", size, 20, 1, Integer.MAX_VALUE, bad));
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
        Instant from0 = start == null ? null : start.atStartOfDay(zone).toInstant();
        Instant to0 = end == null ? null : end.plusDays(1).atStartOfDay(zone).toInstant();
        return new Search.Request(q, k, process, org, actor, action, from0, to0, p, s);
    }

    private static Kind kind(String kind, List<Violation> bad) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return Kind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            bad.add(new Violation("kind", Refusal.of("search.kindOneOf", String.join("、", Arrays.stream(Kind.values()).map(Kind::name)
                    .toList()))));
            return null;
        }
    }

    private static LocalDate date(String field, String value, List<Violation> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return cn.xianfeng.common.IsoDates.date(value.strip());
        } catch (DateTimeParseException e) {
            bad.add(new Violation(field, Refusal.of("common.dateFormatMust")));
            return null;
        }
    }

    private static int number(String field, String value, int fallback, int min, int max, List<Violation> bad) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad.add(new Violation(field, Refusal.of("common.intRange", String.valueOf(min), String.valueOf(max))));
        return fallback;
    }
}
