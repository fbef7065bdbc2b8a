package cn.xianfeng.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A node's cache of one table's derived values, correct across nodes: each entry set belongs to the generation it
 * was loaded under, and is served only to a transaction that read that same generation ({@link Generations}). A
 * change anywhere moves the generation, so the next transaction on every node starts a fresh set; a transaction
 * that still sees an older generation loads without caching into the newer set. Null values are not cached.
 */
public final class GenerationCache<V> {

    private record Snapshot<V>(String generation, Map<String, V> entries) {
    }

    private final String name;
    private final Generations generations;
    private final int maxEntries;
    private volatile Snapshot<V> current = new Snapshot<>(null, new ConcurrentHashMap<>());

    GenerationCache(String name, Generations generations, int maxEntries) {
        this.name = name;
        this.generations = generations;
        this.maxEntries = maxEntries;
    }

    /**
     * The cached value, or the loader's. Outside a transaction, and in a transaction that changes this cache's table,
     * always the loader's: reading the generation would cost the statement the cache saves.
     */
    public V get(String key, Function<String, V> loader) {
        if (!generations.inTransaction() || generations.changedHere(name)) {
            return loader.apply(key);
        }
        String generation = generations.of(name);
        if (generation == null) {
            return loader.apply(key); // no generation row: nothing is known to invalidate it
        }
        Snapshot<V> snapshot = current;
        if (!generation.equals(snapshot.generation())) {
            // a newer generation (or, briefly, an older transaction's): a fresh set; the old one is never served
            // to a transaction of this generation
            snapshot = new Snapshot<>(generation, new ConcurrentHashMap<>());
            current = snapshot;
        }
        V cached = snapshot.entries().get(key);
        if (cached != null) {
            return cached;
        }
        V value = loader.apply(key);
        if (value != null) {
            if (snapshot.entries().size() >= maxEntries) {
                snapshot.entries().clear();
            }
            snapshot.entries().put(key, value);
        }
        return value;
    }

    /** The current transaction changes this cache's table: it reads around the cache until it ends. */
    public void changing() {
        generations.changed(name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "GenerationCache[" + name + ", " + Objects.requireNonNullElse(current.generation(), "-") + "]";
    }
}
