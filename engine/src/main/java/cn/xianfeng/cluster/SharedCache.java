package cn.xianfeng.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One cache of one node that every node keeps correct: {@link #invalidate} (inside the changing transaction) drops
 * the entry on every node once that transaction commits, and nothing at all if it rolls back. While this node cannot
 * hear other nodes' invalidations (listener not connected: at start, during a database outage) every read goes to the
 * loader, and reconnecting empties the cache. Entries also expire after {@code maxAge}, a net under the net.
 * Created by {@link SharedCaches#cache}; keys are strings (a username, an org code, a process key).
 */
public final class SharedCache<V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final String name;
    private final SharedCaches caches;
    private final long maxAgeNanos;
    private final int maxEntries;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Moves on every drop: a value loaded before a drop is not stored after it. */
    private final AtomicLong generation = new AtomicLong();

    SharedCache(String name, SharedCaches caches, Duration maxAge, int maxEntries) {
        this.name = name;
        this.caches = caches;
        this.maxAgeNanos = maxAge.toNanos();
        this.maxEntries = maxEntries;
    }

    public String name() {
        return name;
    }

    /** The cached value, or the loader's (stored when no invalidation came in meanwhile). Null values are not cached. */
    public V get(String key, Function<String, V> loader) {
        if (!caches.listening()) {
            return loader.apply(key);
        }
        long seen = generation.get();
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.loadedAt() < maxAgeNanos) {
            return e.value();
        }
        V value = loader.apply(key);
        if (value != null && generation.get() == seen && caches.listening()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }

    /** Drops the key on every node after the current transaction commits (at once without a transaction). */
    public void invalidate(String key) {
        caches.invalidate(name, key);
    }

    /** Drops every entry on every node after the current transaction commits (at once without a transaction). */
    public void invalidateAll() {
        caches.invalidateAll(name);
    }

    int size() {
        return entries.size();
    }

    void drop(String key) {
        generation.incrementAndGet();
        if (key == null) {
            entries.clear();
        } else {
            entries.remove(key);
        }
    }
}
