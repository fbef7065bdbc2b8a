package cn.xianfeng.cluster;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The database's cache generations ({@code cache_generations()}, V90): a trigger moves a table's generation in the
 * same transaction as any change to it, so a transaction that starts after the change committed — on any node —
 * reads the new number and its {@link GenerationCache} drops what it held. Read once per transaction (caches are
 * not used outside one); a statement that read them already, such as the case lock's, hands them over with
 * {@link #seen}.
 */
@Component
public class Generations {

    /** The SQL expression giving every generation in one text. */
    public static final String READ = "cache_generations()";

    private final JdbcClient jdbc;
    /** Transaction resource keys: the generations read, and the caches this transaction changed. */
    private final Object readKey = new Object();
    private final Object changedKey = new Object();

    public Generations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public <V> GenerationCache<V> cache(String name, int maxEntries) {
        return new GenerationCache<>(name, this, maxEntries);
    }

    /** Hands over the generations a statement of this transaction read already (saves reading them again). */
    public void seen(String generations) {
        if (generations != null && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(readKey)) {
            TransactionScoped.bind(readKey, parse(generations));
        }
    }

    boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** The named generation as this transaction sees it. */
    String of(String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return parse(read()).get(name);
        }
        Map<String, String> bound = TransactionScoped.computeIfAbsent(readKey, () -> parse(read()));
        return bound.get(name);
    }

    /**
     * This transaction changed what the named caches hold: until it ends it reads around them (its uncommitted
     * change must neither be served to others nor be hidden from itself by an entry cached before it).
     */
    void changed(String name) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Set<String> names = TransactionScoped.computeIfAbsent(changedKey, java.util.HashSet::new);
            names.add(name);
        }
    }

    boolean changedHere(String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        Object names = TransactionSynchronizationManager.getResource(changedKey);
        return names instanceof Set<?> s && s.contains(name);
    }

    private String read() {
        return jdbc.sql("select " + READ).query(String.class).single();
    }

    static Map<String, String> parse(String generations) {
        Map<String, String> out = new HashMap<>();
        for (String part : generations.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
