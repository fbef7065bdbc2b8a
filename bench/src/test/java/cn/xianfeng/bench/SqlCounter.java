package cn.xianfeng.bench;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.util.List;

/**
 * Wraps the application's DataSources (datasource-proxy) and counts the SQL statements and commits executed on
 * every thread (request and calling threads, after-commit listeners, the search indexer, the scheduler), always;
 * and, separately, those of the calling thread while {@link #count} runs. A JDBC batch counts as its number of
 * statements. A commit is a {@code Connection.commit()} or a statement run in auto-commit mode (its own transaction,
 * as PostgreSQL's {@code xact_commit} counts it).
 */
final class SqlCounter implements BeanPostProcessor, QueryExecutionListener, MethodExecutionListener {

    private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicLong STATEMENTS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong COMMITS = new java.util.concurrent.atomic.AtomicLong();

    /** Statements and commits on every thread since the bench started; differences of two are what ran between. */
    record Totals(long statements, long commits) {
        Totals minus(Totals before) {
            return new Totals(statements - before.statements, commits - before.commits);
        }
    }

    static Totals totals() {
        return new Totals(STATEMENTS.get(), COMMITS.get());
    }

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
            return ProxyDataSourceBuilder.create(ds).name(beanName).listener(this).methodListener(this).build();
        }
        return bean;
    }

    /** Runs {@code action} and returns how many statements it executed on this thread. */
    static long count(Runnable action) {
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
     * statements and commits every thread executed meanwhile. Only meaningful while nothing else runs in the context.
     */
    static Totals countAll(Runnable action, Runnable settle) {
        Totals before = totals();
        action.run();
        settle.run();
        return totals().minus(before);
    }

    /** When this thread's statement or commit began (nanoTime): its time inside JDBC, round trip included. */
    private static final ThreadLocal<long[]> BEGAN = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        BEGAN.get()[0] = System.nanoTime();
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
        if (context.getTarget() instanceof java.sql.Connection && "commit".equals(context.getMethod().getName())) {
            BEGAN.get()[0] = System.nanoTime();
        }
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        if (context.getThrown() == null && context.getTarget() instanceof java.sql.Connection
                && "commit".equals(context.getMethod().getName())) {
            COMMITS.incrementAndGet();
            StepProfile.commit(System.nanoTime() - BEGAN.get()[0]);
        }
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        long n = execInfo.isBatch() ? Math.max(execInfo.getBatchSize(), queryInfoList.size()) : queryInfoList.size();
        STATEMENTS.addAndGet(n);
        boolean autoCommit = autoCommit(execInfo);
        if (autoCommit) {
            COMMITS.incrementAndGet();
        }
        long nanos = System.nanoTime() - BEGAN.get()[0];
        if (queryInfoList.size() == 1) {
            StepProfile.statement(queryInfoList.get(0).getQuery(), n, autoCommit, nanos);
        } else {
            for (int i = 0; i < queryInfoList.size(); i++) {
                StepProfile.statement(queryInfoList.get(i).getQuery(), 1, autoCommit && i == 0, i == 0 ? nanos : 0);
            }
        }
        long[] c = COUNT.get();
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

    private static boolean autoCommit(ExecutionInfo execInfo) {
        try {
            return execInfo.getStatement() != null && execInfo.getStatement().getConnection().getAutoCommit();
        } catch (java.sql.SQLException closed) {
            return false;
        }
    }
}
