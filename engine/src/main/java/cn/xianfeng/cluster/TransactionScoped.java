package cn.xianfeng.cluster;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * A value kept for the rest of the current transaction and dropped when it ends (committed or rolled back), so that
 * nothing read in one transaction is served to the next: what the generation caches and the read-only answers of
 * {@code org} hold per transaction.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /** The value bound under {@code key} in this transaction, bound from {@code create} first if there is none. */
    @SuppressWarnings("unchecked")
    public static <V> V computeIfAbsent(Object key, Supplier<V> create) {
        V value = (V) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            value = create.get();
            bind(key, value);
        }
        return value;
    }

    /** Binds {@code value} under {@code key} until this transaction completes; synchronization must be active. */
    public static void bind(Object key, Object value) {
        TransactionSynchronizationManager.bindResource(key, value);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }
}
