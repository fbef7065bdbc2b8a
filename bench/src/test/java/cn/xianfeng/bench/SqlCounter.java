package cn.xianfeng.bench;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.util.List;

/**
 * Wraps the application's DataSource (datasource-proxy) and counts the SQL statements executed by the calling
 * thread while counting is on; a JDBC batch counts as its number of statements. Other threads (the scheduler,
 * after-commit listeners) are not counted, except inside {@link #everyThread}: there {@link #count} counts the
 * statements of every thread while its action runs (the engine section, whose steps run one at a time).
 */
final class SqlCounter implements BeanPostProcessor, QueryExecutionListener {

    private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();
    /** Statements of every thread while {@link #count} runs inside {@link #everyThread}. */
    private static final java.util.concurrent.atomic.AtomicLong DURING = new java.util.concurrent.atomic.AtomicLong();
    private static volatile boolean everyThread;
    private static volatile boolean counting;
    /** Statements on every thread (listeners, the scheduler), counted while {@link #countAll} runs. */
    private static final java.util.concurrent.atomic.AtomicLong ALL = new java.util.concurrent.atomic.AtomicLong();
    private static volatile boolean countingAll;

    /** Statements of the search indexer's own thread(s), counted always (the indexing section reads it). */
    static final java.util.concurrent.atomic.AtomicLong INDEXER = new java.util.concurrent.atomic.AtomicLong();
    private static final ThreadLocal<List<Statement>> CAPTURE = new ThreadLocal<>();

    /** One executed statement with its first parameter set and how long it took. */
    record Statement(String sql, List<Object> parameters, long millis) {
    }

    /** Runs {@code action} and returns the statements it executed on this thread. */
    static List<Statement> capture(Runnable action) {
        List<Statement> list = new java.util.ArrayList<>();
        CAPTURE.set(list);
        try {
            action.run();
        } finally {
            CAPTURE.remove();
        }
        return list;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(ds).name(beanName).listener(this).build();
        }
        return bean;
    }

    /** Runs {@code section} with {@link #count} counting every thread's statements (sections that count one at a time). */
    static <T> T everyThread(java.util.function.Supplier<T> section) {
        everyThread = true;
        try {
            return section.get();
        } finally {
            everyThread = false;
        }
    }

    /** Runs {@code action} and returns how many statements it executed on this thread (every thread: see above). */
    static long count(Runnable action) {
        if (everyThread) {
            long before = DURING.get();
            counting = true;
            try {
                action.run();
            } finally {
                counting = false;
            }
            return DURING.get() - before;
        }
        long[] c = new long[1];
        COUNT.set(c);
        try {
            action.run();
        } finally {
            COUNT.remove();
        }
        return c[0];
    }

    /**
     * Runs {@code action}, then {@code settle} (which waits for the after-commit work it caused), and returns the
     * statements every thread executed meanwhile. Only meaningful while nothing else runs in the context.
     */
    static synchronized long countAll(Runnable action, Runnable settle) {
        ALL.set(0);
        countingAll = true;
        try {
            action.run();
            settle.run();
        } finally {
            countingAll = false;
        }
        return ALL.get();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        if (countingAll) {
            ALL.addAndGet(execInfo.isBatch() ? Math.max(execInfo.getBatchSize(), queryInfoList.size()) : queryInfoList.size());
        }
        long[] c = COUNT.get();
        long n = execInfo.isBatch() ? Math.max(execInfo.getBatchSize(), queryInfoList.size()) : queryInfoList.size();
        if (counting) {
            DURING.addAndGet(n);
        }
        if (c != null) {
            c[0] += n;
        }
        if (Thread.currentThread().getName().startsWith("search-indexer")) {
            INDEXER.addAndGet(n);
        }
        List<Statement> captured = CAPTURE.get();
        if (captured != null) {
            for (QueryInfo q : queryInfoList) {
                List<Object> params = new java.util.ArrayList<>();
                if (!q.getParametersList().isEmpty()) {
                    q.getParametersList().get(0).stream()
                            .sorted(java.util.Comparator.comparingInt(p -> ((Number) p.getArgs()[0]).intValue()))
                            .forEach(p -> params.add(p.getArgs().length > 1 ? p.getArgs()[1] : null));
                }
                captured.add(new Statement(q.getQuery(), params, execInfo.getElapsedTime()));
            }
        }
    }
}
