package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

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

    // field names encoded once (writing a name from a String encodes it again for every document)
    private static final SerializableString INDEX = name("index"), ID = name("_id"), VERSION = name("version"),
            VERSION_TYPE = name("version_type"), EXTERNAL_GTE = name("external_gte"), KIND = name("kind"),
            CASE_ID = name("caseId"), PROCESS = name("process"), CASE_SUBJECT = name("caseSubject"),
            ORG_CODE = name("orgCode"), ORG_PATH = name("orgPath"), ACTOR = name("actor"), ACTION = name("action"),
            STEP_ID = name("stepId"), AT = name("at"), TEXT = name("text"), NAME = name("name"),
            STATUS = name("status"), CANDIDATES = name("candidates"), DUE = name("due"), ENDED = name("ended");

    private static SerializableString name(String s) {
        return new SerializedString(s);
    }

    private BulkBody() {
    }

    static byte[] of(List<SearchDocument> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(documents.size() * 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (SearchDocument d : documents) {
                g.writeStartObject();
                g.writeFieldName(INDEX);
                g.writeStartObject();
                g.writeFieldName(ID);
                g.writeString(d.id());
                g.writeFieldName(VERSION);
                g.writeNumber(d.version());
                g.writeFieldName(VERSION_TYPE);
                g.writeString(EXTERNAL_GTE);
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
        g.writeFieldName(KIND);
        g.writeString(d.kind().name());
        string(g, CASE_ID, d.caseId());
        string(g, PROCESS, d.process());
        string(g, CASE_SUBJECT, d.caseSubject());
        string(g, ORG_CODE, d.orgCode());
        string(g, ORG_PATH, d.orgPath());
        string(g, ACTOR, d.actor());
        string(g, ACTION, d.action());
        string(g, STEP_ID, d.stepId());
        instant(g, AT, d.at());
        string(g, TEXT, d.text());
        string(g, NAME, d.name());
        string(g, STATUS, d.status());
        g.writeFieldName(CANDIDATES);
        g.writeStartArray();
        for (String c : d.candidates()) {
            g.writeString(c);
        }
        g.writeEndArray();
        instant(g, DUE, d.due());
        instant(g, ENDED, d.ended());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString field, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            g.writeString(value);
        }
    }

    private static void instant(JsonGenerator g, SerializableString field, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            char[] iso = new char[30];
            int n = iso(value, iso);
            if (n > 0) {
                g.writeString(iso, 0, n);
            } else {
                g.writeString(value.toString());
            }
        }
    }

    /**
     * {@code t} as {@link Instant#toString} writes it, into {@code out} (30 chars at least); the length, or 0 for
     * a year outside 0000–9999 (left to {@link Instant#toString}). {@code Instant.toString} goes through a
     * formatter that costs as much as the rest of the document: it was a sixth of the rebuild's CPU.
     */
    static int iso(Instant t, char[] out) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int second = (int) Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01 (H. Hinnant's algorithm, as LocalDate.ofEpochDay)
        long z = day + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int dayOfMonth = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return 0;
        }
        int n = 0;
        n = digits(out, n, (int) year, 4);
        out[n++] = '-';
        n = digits(out, n, month, 2);
        out[n++] = '-';
        n = digits(out, n, dayOfMonth, 2);
        out[n++] = 'T';
        n = digits(out, n, second / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, second / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, second % 60, 2);
        int nanos = t.getNano();
        if (nanos > 0) {
            out[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                n = digits(out, n, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                n = digits(out, n, nanos / 1_000, 6);
            } else {
                n = digits(out, n, nanos, 9);
            }
        }
        out[n++] = 'Z';
        return n;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
