package cn.xianfeng.org;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction's state set by hand, as a transaction manager sets it; the database plays no part. */
class ReadOnlyAnswersTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final Supplier<Boolean> ask = () -> asked.incrementAndGet() % 2 == 1;

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            end();
        }
    }

    @Test
    void aReadOnlyTransactionAsksOncePerKeyAndForgetsAtItsEnd() {
        begin(true);
        assertThat(ReadOnlyAnswers.of(List.of("mayRead", "rv1", "T01"), ask)).isTrue();
        assertThat(ReadOnlyAnswers.of(List.of("mayRead", "rv1", "T01"), ask)).as("kept").isTrue();
        assertThat(ReadOnlyAnswers.of(List.of("mayRead", "rv1", "T02"), ask)).as("another org is asked").isFalse();
        assertThat(asked).hasValue(2);
        end();
        begin(true);
        assertThat(ReadOnlyAnswers.of(List.of("mayRead", "rv1", "T01"), ask)).as("a new transaction asks anew").isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void withoutAReadOnlyTransactionEveryCallAsks() {
        ReadOnlyAnswers.of(List.of("k"), ask);
        ReadOnlyAnswers.of(List.of("k"), ask);
        assertThat(asked).as("no transaction").hasValue(2);
        begin(false);
        ReadOnlyAnswers.of(List.of("k"), ask);
        ReadOnlyAnswers.of(List.of("k"), ask);
        assertThat(asked).as("a transaction that may write").hasValue(4);
    }

    private static void begin(boolean readOnly) {
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(readOnly);
    }

    private static void end() {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        TransactionSynchronizationManager.setActualTransactionActive(false);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
    }
}
