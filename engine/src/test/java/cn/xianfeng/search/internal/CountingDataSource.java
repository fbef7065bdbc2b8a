package cn.xianfeng.search.internal;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts what reaches PostgreSQL through a DataSource on every thread, with datasource-proxy as the bench does: every
 * statement executed (its SQL kept) and every commit, a {@code Connection.commit()} or a statement run in auto-commit
 * mode.
 */
final class CountingDataSource implements QueryExecutionListener, MethodExecutionListener {

    final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    final List<String> commits = Collections.synchronizedList(new ArrayList<>());
    final DataSource dataSource;

    CountingDataSource(DataSource target) {
        this.dataSource = ProxyDataSourceBuilder.create(target).name("counted").listener(this).methodListener(this).build();
    }

    void reset() {
        statements.clear();
        commits.clear();
    }

    /** The statements whose text contains {@code text}. */
    long count(String text) {
        synchronized (statements) {
            return statements.stream().filter(s -> s.contains(text)).count();
        }
    }

    List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
    }

    /** One execution, one statement (a batch too), as the hand-made proxy before it counted them. */
    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        String sql = queries.isEmpty() ? null : queries.get(0).getQuery();
        statements.add(sql);
        try {
            if (execInfo.getStatement() != null && execInfo.getStatement().getConnection().getAutoCommit()) {
                commits.add(sql);
            }
        } catch (SQLException closed) {
            // a closed statement ran in a transaction that ended: counted by its commit
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        if (context.getTarget() instanceof java.sql.Connection && "commit".equals(context.getMethod().getName())) {
            commits.add("commit");
        }
    }
}
