package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag probe asks in chunks: what became searchable together is found in one round, the rest asked once. */
class LagProbeTest {

    /** A store that makes ids searchable when told, and remembers every question. */
    static final class Store implements Indexing.Probe {
        final Set<Long> searchable = Collections.synchronizedSet(new HashSet<>());
        final List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<Long> searchable(List<Long> ids) {
            asked.add(ids.size());
            return ids.stream().filter(searchable::contains).toList();
        }
    }

    /** A probe of {@code store} with transactions 1 to {@code n} committed now (each one's last event id = its number). */
    private static LagProbe committed(Store store, int n) {
        LagProbe probe = new LagProbe(store);
        long now = System.nanoTime();
        for (long id = 1; id <= n; id++) {
            probe.committed(id, now);
        }
        return probe;
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aBacklogBecomingSearchableAtOnceIsFoundInChunksAndNothingIsAskedTwiceMoreThanNeeded() throws Exception {
        Store store = new Store();
        LagProbe probe = committed(store, 1_000);
        probe.start();
        await(() -> store.asked.size() >= 3);
        // nothing searchable: each round asks one chunk of the oldest, no more
        assertThat(store.asked).hasSizeGreaterThanOrEqualTo(3).allSatisfy(n -> assertThat(n).isEqualTo(LagProbe.PER_PROBE));
        int roundsIdle = store.asked.size();

        for (long id = 1; id <= 1_000; id++) {
            store.searchable.add(id);
        }
        assertThat(probe.drain(Duration.ofSeconds(30))).as("every transaction found").isTrue();
        assertThat(probe.stats().count()).isEqualTo(1_000);
        // 1,000 found in chunks of 50: twenty questions after the idle rounds (a round may straddle the change)
        assertThat(store.asked.size() - roundsIdle).isBetween(1_000 / LagProbe.PER_PROBE, 1_000 / LagProbe.PER_PROBE + 2);
    }

    @Test
    void aStragglerDoesNotHideWhatCameAfterItForLongerThanItsOwnChunk() throws Exception {
        Store store = new Store();
        LagProbe probe = committed(store, 120);
        for (long id = 1; id <= 120; id++) {
            if (id != 3) {
                store.searchable.add(id); // the third transaction's event is not yet searchable
            }
        }
        probe.start();
        await(() -> probe.pending() <= 1);
        assertThat(probe.pending()).as("all but the straggler found").isEqualTo(1);
        store.searchable.add(3L);
        assertThat(probe.drain(Duration.ofSeconds(30))).isTrue();
        assertThat(probe.stats().count()).isEqualTo(120);
    }
}
