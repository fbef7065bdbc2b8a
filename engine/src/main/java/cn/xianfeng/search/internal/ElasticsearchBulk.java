package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One bulk request, its outcome sorted into documents refused for what they are (mapping, size) and failures of
 * the cluster (unreachable, overloaded, missing shards), which refuse no document: the batch is tried again.
 * The body is written once as NDJSON bytes ({@link BulkBody}) and the answer read by streaming, only as far as
 * needed: the typed client built an object per operation and parsed an object per item of every answer, which
 * cost the indexer and the rebuild more CPU than Elasticsearch spent storing the documents.
 */
final class ElasticsearchBulk {

    private static final String CONFLICT = "version_conflict_engine_exception";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    /** Per item only what sorting the outcome needs (the full answer repeats index, shards and sequence numbers). */
    private static final String FILTER = "errors,items.*._id,items.*.status,items.*.error.type,items.*.error.reason";

    private ElasticsearchBulk() {
    }

    /** The low-level client under the typed one (the only transport this project configures). */
    static RestClient rest(ElasticsearchClient client) {
        if (client._transport() instanceof RestClientTransport t) {
            return t.restClient();
        }
        throw new IllegalStateException("bulk writes need the REST client transport, not " + client._transport());
    }

    /**
     * Writes {@code documents} into {@code target}; {@code refresh}: "false" (visible at the next periodic refresh)
     * or "wait_for"; {@code requireAlias}: the target must be an alias (a missing one fails the documents as
     * unavailable rather than creating an index of that name).
     */
    static IndexOutcome write(RestClient rest, String target, List<SearchDocument> documents, String refresh,
                              boolean requireAlias) {
        if (documents.isEmpty()) {
            return IndexOutcome.ALL_STORED;
        }
        return write(rest, target, documents, BulkBody.of(documents), refresh, requireAlias);
    }

    /** As above, with the body of exactly these documents written beforehand ({@link BulkBody#of}). */
    static IndexOutcome write(RestClient rest, String target, List<SearchDocument> documents, byte[] body,
                              String refresh, boolean requireAlias) {
        Response response;
        try {
            Request request = new Request("POST", "/" + target + "/_bulk");
            request.addParameter("refresh", refresh);
            request.addParameter("filter_path", FILTER);
            if (requireAlias) {
                request.addParameter("require_alias", "true");
            }
            request.setEntity(new ByteArrayEntity(body, NDJSON));
            response = rest.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 413) {
                return split(rest, target, documents, refresh, requireAlias, e);
            }
            throw new SearchUnavailableException("Elasticsearch failed the bulk request: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch unreachable: " + e.getMessage(), e);
        }
        try (InputStream in = response.getEntity().getContent()) {
            Map<String, String> rejected = rejected(in);
            return rejected.isEmpty() ? IndexOutcome.ALL_STORED : new IndexOutcome(rejected);
        } catch (IOException e) {
            throw new SearchUnavailableException("Elasticsearch's bulk answer could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads {@code errors} and, only when it is true, the items: the documents refused, with their reasons. */
    static Map<String, String> rejected(InputStream in) throws IOException {
        Map<String, String> rejected = new HashMap<>();
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("errors".equals(field)) {
                    if (!p.getBooleanValue()) {
                        return rejected;
                    }
                } else if ("items".equals(field)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken(); // the operation's name
                        p.nextToken();
                        item(p, rejected);
                        p.nextToken(); // the item's end
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return rejected;
    }

    private static void item(JsonParser p, Map<String, String> rejected) throws IOException {
        String id = null;
        int status = 0;
        String type = null;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "_id" -> id = p.getText();
                case "status" -> status = p.getIntValue();
                case "error" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if ("type".equals(f)) {
                            type = p.getText();
                        } else if ("reason".equals(f)) {
                            reason = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (type == null || CONFLICT.equals(type)) {
            // a conflict means a newer derivation of the same document is already stored: nothing to do
            return;
        }
        if (status == 429 || status == 404 || status >= 500) {
            throw new SearchUnavailableException("Elasticsearch could not store a document now: " + type + ": " + reason,
                    null);
        }
        rejected.put(id, type + ": " + reason);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    /** A request too large for the cluster: halves until a single document, which is refused on its own. */
    private static IndexOutcome split(RestClient rest, String target, List<SearchDocument> documents, String refresh,
                                      boolean requireAlias, ResponseException e) {
        if (documents.size() == 1) {
            return new IndexOutcome(Map.of(documents.get(0).id(), "request too large: " + e.getMessage()));
        }
        int half = documents.size() / 2;
        Map<String, String> rejected = new HashMap<>(write(rest, target, documents.subList(0, half), refresh, requireAlias)
                .rejected());
        rejected.putAll(write(rest, target, documents.subList(half, documents.size()), refresh, requireAlias)
                .rejected());
        return new IndexOutcome(rejected);
    }
}
