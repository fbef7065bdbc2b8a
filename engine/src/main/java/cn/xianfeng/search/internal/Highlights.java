package cn.xianfeng.search.internal;

/** A short excerpt around the first match, the match wrapped in &lt;em&gt; as Elasticsearch does. */
final class Highlights {

    private static final int CONTEXT = 30;

    private Highlights() {
    }

    static String around(String text, String query) {
        if (text == null) {
            return null;
        }
        if (query == null || query.isBlank()) {
            return escape(text.length() > 2 * CONTEXT ? text.substring(0, 2 * CONTEXT) + "…" : text);
        }
        String q = query.strip();
        int at = text.toLowerCase().indexOf(q.toLowerCase());
        if (at < 0) {
            return escape(text.length() > 2 * CONTEXT ? text.substring(0, 2 * CONTEXT) + "…" : text);
        }
        int start = Math.max(0, at - CONTEXT);
        int end = Math.min(text.length(), at + q.length() + CONTEXT);
        return (start > 0 ? "…" : "") + escape(text.substring(start, at)) + "<em>"
                + escape(text.substring(at, at + q.length())) + "</em>" + escape(text.substring(at + q.length(), end))
                + (end < text.length() ? "…" : "");
    }

    /** Excerpts are shown as HTML, so whatever a user typed into a form is escaped first. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
