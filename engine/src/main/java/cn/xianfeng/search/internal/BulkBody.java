package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A bulk request's body: per document an index action (id, external version: an older derivation never replaces a
 * newer one) and its source, as NDJSON, written straight to bytes. Fields without a value are left out (a search
 * reads a missing field as null). The target index is the request's path.
 */
final class BulkBody {

    private static final JsonFactory JSON = new JsonFactory();

    private BulkBody() {
    }

    static byte[] of(List<SearchDocument> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(documents.size() * 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (SearchDocument d : documents) {
                g.writeStartObject();
                g.writeObjectFieldStart("index");
                g.writeStringField("_id", d.id());
                g.writeNumberField("version", d.version());
                g.writeStringField("version_type", "external_gte");
                g.writeEndObject();
                g.writeEndObject();
                g.flush();
                out.write('\n');
                source(g, d);
                g.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fields of {@link ElasticsearchHits#source}, in the same order. */
    private static void source(JsonGenerator g, SearchDocument d) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", d.kind().name());
        string(g, "caseId", d.caseId());
        string(g, "process", d.process());
        string(g, "caseSubject", d.caseSubject());
        string(g, "orgCode", d.orgCode());
        string(g, "orgPath", d.orgPath());
        string(g, "actor", d.actor());
        string(g, "action", d.action());
        string(g, "stepId", d.stepId());
        instant(g, "at", d.at());
        string(g, "text", d.text());
        string(g, "name", d.name());
        string(g, "status", d.status());
        g.writeArrayFieldStart("candidates");
        for (String c : d.candidates()) {
            g.writeString(c);
        }
        g.writeEndArray();
        instant(g, "due", d.due());
        instant(g, "ended", d.ended());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value.toString());
        }
    }
}
