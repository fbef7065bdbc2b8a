package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchHit;
import co.elastic.clients.elasticsearch.core.search.Hit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Documents to Elasticsearch sources and back to hits. */
final class ElasticsearchHits {

    /** The full-text fields, in the order their excerpt is preferred. */
    static final List<String> HIGHLIGHTED = List.of("text", "name", "caseSubject");

    private ElasticsearchHits() {
    }

    static Map<String, Object> source(SearchDocument d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", d.kind().name());
        s.put("caseId", d.caseId());
        s.put("process", d.process());
        s.put("caseSubject", d.caseSubject());
        s.put("orgCode", d.orgCode());
        s.put("orgPath", d.orgPath());
        s.put("actor", d.actor());
        s.put("action", d.action());
        s.put("stepId", d.stepId());
        s.put("at", d.at().toString());
        s.put("text", d.text());
        s.put("name", d.name());
        s.put("status", d.status());
        s.put("candidates", d.candidates());
        s.put("due", d.due() == null ? null : d.due().toString());
        s.put("ended", d.ended() == null ? null : d.ended().toString());
        return s;
    }

    static SearchHit hit(Hit<Map> h) {
        Map<?, ?> src = h.source();
        String highlight = HIGHLIGHTED.stream().map(f -> h.highlight().get(f))
                .filter(fragments -> fragments != null && !fragments.isEmpty()).map(fragments -> fragments.get(0))
                .findFirst().orElseGet(() -> Highlights.around(excerptSource(str(src, "text"), str(src, "name")), null));
        Object candidates = src == null ? null : src.get("candidates");
        return new SearchHit(h.id(), str(src, "caseId"), str(src, "process"), str(src, "caseSubject"),
                str(src, "orgCode"), str(src, "actor"), str(src, "action"), str(src, "stepId"),
                instant(str(src, "at")), highlight, kind(str(src, "kind")), str(src, "name"), str(src, "status"),
                candidates instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of(),
                instant(str(src, "due")), instant(str(src, "ended")));
    }

    /** Without a match to show, the excerpt is the start of the text, or the name when there is no text. */
    static String excerptSource(String text, String name) {
        return text == null || text.isBlank() ? name : text;
    }

    /** Documents indexed before kinds existed are audit events. */
    private static Kind kind(String kind) {
        return kind == null ? Kind.AUDIT : Kind.valueOf(kind);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String str(Map<?, ?> src, String key) {
        Object v = src == null ? null : src.get(key);
        return v == null ? null : v.toString();
    }
}
