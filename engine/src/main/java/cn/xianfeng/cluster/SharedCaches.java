package cn.xianfeng.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The caches of this node, kept correct across nodes through PostgreSQL: an invalidation is a {@code NOTIFY} on
 * channel {@value #CHANNEL} sent in the changing transaction, so it reaches every node's listener exactly when the
 * change is visible (at commit) and never for a rollback; this node also drops the entry itself after commit.
 *
 * <p>Putting a cache on it is one line: {@code SharedCache<List<RoleGrant>> roles = caches.cache("roles");}, then
 * {@code roles.get(username, this::load)}; where the data changes, {@code caches.invalidate("roles", username)}
 * (or {@code invalidateAll}) in the same transaction.
 */
public class SharedCaches {

    public static final String CHANNEL = "xianfeng_cache";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_ENTRIES = 50_000;
    /** NOTIFY's payload is limited to 8000 bytes. */
    private static final int MAX_KEY = 1000;
    private static final Logger log = LoggerFactory.getLogger(SharedCaches.class);

    private final JdbcClient jdbc;
    private final Map<String, SharedCache<?>> caches = new ConcurrentHashMap<>();
    private final Runnable startListening;
    private volatile BooleanSupplier listening = () -> false;

    /** {@code startListening} is called on every read (it starts the listener once). */
    public SharedCaches(JdbcClient jdbc, Runnable startListening) {
        this.jdbc = jdbc;
        this.startListening = startListening;
    }

    public <V> SharedCache<V> cache(String name) {
        return cache(name, DEFAULT_MAX_AGE, DEFAULT_MAX_ENTRIES);
    }

    @SuppressWarnings("unchecked")
    public <V> SharedCache<V> cache(String name, Duration maxAge, int maxEntries) {
        if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("cache names are 1-64 characters a-z, 0-9, -: " + name);
        }
        return (SharedCache<V>) caches.computeIfAbsent(name, n -> new SharedCache<>(n, this, maxAge, maxEntries));
    }

    public void invalidate(String cache, String key) {
        if (key == null || key.length() > MAX_KEY) {
            invalidateAll(cache);
        } else {
            send(cache, "K" + key);
        }
    }

    public void invalidateAll(String cache) {
        send(cache, "A");
    }

    private void send(String cache, String what) {
        String payload = cache + "\t" + what;
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query((rs, i) -> 1).list();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    received(payload);
                }
            });
        } else {
            received(payload);
        }
    }

    /** An invalidation from any node (this one included), as sent: {@code cache \t K key} or {@code cache \t A}. */
    public void received(String payload) {
        int tab = payload.indexOf('\t');
        if (tab < 0 || tab + 1 >= payload.length()) {
            log.warn("ignored a malformed cache invalidation: {}", payload);
            return;
        }
        SharedCache<?> cache = caches.get(payload.substring(0, tab));
        if (cache != null) {
            cache.drop(payload.charAt(tab + 1) == 'A' ? null : payload.substring(tab + 2));
        }
    }

    /** Called by the listener: while it is not connected, invalidations may be missed, so nothing is cached. */
    public void listeningWhile(BooleanSupplier connected) {
        this.listening = connected;
    }

    /** The listener (re)connected or lost its connection: whatever was cached may have missed invalidations. */
    public void dropAll() {
        caches.values().forEach(c -> c.drop(null));
    }

    /** Starts listening on the first read of any cache: a node (or test context) that reads none holds no connection. */
    boolean listening() {
        startListening.run();
        return listening.getAsBoolean();
    }
}
