package cn.xianfeng.dossier;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the application's DataSources (datasource-proxy, as the bench counts) and records the statements and commits
 * of the calling thread while {@link #on} runs: a commit is a {@code Connection.commit()} or a statement run in
 * auto-commit mode (its own transaction).
 */
final class StatementCounter implements BeanPostProcessor, QueryExecutionListener, MethodExecutionListener {

    /** What ran on the calling thread: each statement's SQL, and the commits. */
    record Counted(List<String> statements, int commits) {
    }

    private static final ThreadLocal<Counted> CURRENT = new ThreadLocal<>();

    static Counted on(Runnable action) {
        Counted counted = new Counted(new ArrayList<>(), 0);
        CURRENT.set(counted);
        int[] commits = {0};
        COMMITS.set(commits);
        try {
            action.run();
        } finally {
            CURRENT.remove();
            COMMITS.remove();
        }
        return new Counted(List.copyOf(counted.statements()), commits[0]);
    }

    private static final ThreadLocal<int[]> COMMITS = new ThreadLocal<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(ds).name(beanName).listener(this).methodListener(this).build();
        }
        return bean;
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        Counted counted = CURRENT.get();
        if (counted == null) {
            return;
        }
        long n = execInfo.isBatch() ? Math.max(execInfo.getBatchSize(), queries.size()) : queries.size();
        for (int i = 0; i < n; i++) {
            counted.statements().add(queries.get(Math.min(i, queries.size() - 1)).getQuery());
        }
        try {
            if (execInfo.getStatement() != null && execInfo.getStatement().getConnection().getAutoCommit()) {
                COMMITS.get()[0]++;
            }
        } catch (java.sql.SQLException closed) {
            // a closed statement ran in a transaction that ended: counted by its commit
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        int[] commits = COMMITS.get();
        if (commits != null && context.getThrown() == null && context.getTarget() instanceof java.sql.Connection
                && "commit".equals(context.getMethod().getName())) {
            commits[0]++;
        }
    }
}
