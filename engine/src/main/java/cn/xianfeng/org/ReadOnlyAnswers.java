package cn.xianfeng.org;

import cn.xianfeng.cluster.TransactionScoped;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers kept for the rest of the current read-only transaction: a view such as 谁欠谁 asks whether its viewer may
 * read the org once for each of its parts (tasks, this month's dues, the arrears), and the transaction writes nothing
 * that could change the answer. The answers go with the transaction; outside a read-only one every call asks anew.
 */
final class ReadOnlyAnswers {

    private static final Object KEY = new Object();

    private ReadOnlyAnswers() {
    }

    static boolean of(Object key, Supplier<Boolean> ask) {
        Map<Object, Boolean> answers = current();
        if (answers == null) {
            return ask.get();
        }
        Boolean known = answers.get(key);
        if (known == null) {
            known = ask.get();
            answers.put(key, known);
        }
        return known;
    }

    private static Map<Object, Boolean> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return null;
        }
        return TransactionScoped.computeIfAbsent(KEY, HashMap::new);
    }
}
