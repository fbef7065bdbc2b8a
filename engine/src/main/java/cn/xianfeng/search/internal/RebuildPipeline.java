package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads batches while the next is read and derived, three at a time: the index (Elasticsearch) takes two requests
 * at once and a third is being written meanwhile, so that a request is ready whenever one is done; refusals become
 * dead letters.
 */
final class RebuildPipeline implements AutoCloseable {

    private static final int IN_FLIGHT = 3;

    private final SearchIndex.Generation next;
    private final IndexingFailures failures;
    private final ExecutorService senders = Executors.newFixedThreadPool(
            IN_FLIGHT, r -> new Thread(r, "search-rebuild-load"));
    private final ArrayDeque<Future<Long>> inFlight = new ArrayDeque<>();

    RebuildPipeline(SearchIndex.Generation next, IndexingFailures failures) {
        this.next = next;
        this.failures = failures;
    }

    /** Sends a batch once a slot is free; the number of refusals of the batches finished meanwhile. */
    long send(List<SearchDocument> documents, Map<String, Long> owners) {
        long refused = 0;
        while (inFlight.size() >= IN_FLIGHT) {
            refused += finish(inFlight.poll());
        }
        inFlight.add(senders.submit(() -> {
            IndexOutcome outcome = next.load(documents);
            outcome.rejected().forEach((id, reason) -> {
                Long event = owners.get(id);
                if (event != null) {
                    failures.dead(event, reason);
                }
            });
            return (long) outcome.rejected().size();
        }));
        return refused;
    }

    long drain() {
        long refused = 0;
        while (!inFlight.isEmpty()) {
            refused += finish(inFlight.poll());
        }
        return refused;
    }

    private long finish(Future<Long> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
