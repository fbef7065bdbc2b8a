package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One bulk request, its outcome sorted into documents refused for what they are (mapping, size) and failures of
 * the cluster (unreachable, overloaded, missing shards), which refuse no document: the batch is tried again.
 */
final class ElasticsearchBulk {

    private static final String CONFLICT = "version_conflict_engine_exception";

    private ElasticsearchBulk() {
    }

    static IndexOutcome write(ElasticsearchClient client, String target, List<SearchDocument> documents,
                              Refresh refresh) {
        if (documents.isEmpty()) {
            return IndexOutcome.ALL_STORED;
        }
        BulkResponse response;
        try {
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(refresh);
            for (SearchDocument d : documents) {
                bulk.operations(op -> op.index(i -> i.index(target).id(d.id()).versionType(VersionType.ExternalGte)
                        .version(d.version()).document(ElasticsearchHits.source(d))));
            }
            response = client.bulk(bulk.build());
        } catch (ElasticsearchException e) {
            if (e.status() == 413) {
                return split(client, target, documents, refresh, e);
            }
            throw new SearchUnavailableException("Elasticsearch failed the bulk request: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch unreachable: " + e.getMessage(), e);
        }
        Map<String, String> rejected = new HashMap<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null || CONFLICT.equals(item.error().type())) {
                // a conflict means a newer derivation of the same document is already stored: nothing to do
                continue;
            }
            if (item.status() == 429 || item.status() == 404 || item.status() >= 500) {
                throw new SearchUnavailableException("Elasticsearch could not store a document now: "
                        + item.error().type() + ": " + item.error().reason(), null);
            }
            rejected.put(item.id(), item.error().type() + ": " + item.error().reason());
        }
        return rejected.isEmpty() ? IndexOutcome.ALL_STORED : new IndexOutcome(rejected);
    }

    /** A request too large for the cluster: halves until a single document, which is refused on its own. */
    private static IndexOutcome split(ElasticsearchClient client, String target, List<SearchDocument> documents,
                                      Refresh refresh, ElasticsearchException e) {
        if (documents.size() == 1) {
            return new IndexOutcome(Map.of(documents.get(0).id(), "request too large: " + e.getMessage()));
        }
        int half = documents.size() / 2;
        Map<String, String> rejected = new HashMap<>(write(client, target, documents.subList(0, half), refresh).rejected());
        rejected.putAll(write(client, target, documents.subList(half, documents.size()), refresh).rejected());
        return new IndexOutcome(rejected);
    }
}
