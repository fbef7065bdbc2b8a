package cn.xianfeng.search.internal;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Counts what reaches PostgreSQL through a DataSource, as the bench does: every statement executed (its SQL kept)
 * and every commit, a {@code Connection.commit()} or a statement run in auto-commit mode.
 */
final class CountingDataSource {

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    final List<String> commits = Collections.synchronizedList(new ArrayList<>());
    final DataSource dataSource;

    CountingDataSource(DataSource target) {
        this.dataSource = proxy(DataSource.class, target, (m, args, result) ->
                result instanceof Connection c ? connection(c) : result);
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

    private Connection connection(Connection c) {
        return proxy(Connection.class, c, (m, args, result) -> {
            if (m.getName().equals("commit")) {
                commits.add("commit");
            }
            if (result instanceof Statement s) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                Class<?> type = s instanceof CallableStatement ? CallableStatement.class
                        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return statement(type, s, c, prepared);
            }
            return result;
        });
    }

    private Object statement(Class<?> type, Statement s, Connection c, String prepared) {
        return proxy(type, s, (m, args, result) -> result, (m, args) -> {
            if (EXECUTES.contains(m.getName())) {
                String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : prepared;
                statements.add(sql);
                if (c.getAutoCommit()) {
                    commits.add(sql);
                }
            }
        });
    }

    private interface After {
        Object apply(Method m, Object[] args, Object result) throws Exception;
    }

    private interface Before {
        void accept(Method m, Object[] args) throws Exception;
    }

    private <T> T proxy(Class<T> type, Object target, After after) {
        return proxy(type, target, after, (m, args) -> { });
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, Object target, After after, Before before) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
                return m.invoke(target, args);
            }
            before.accept(m, args);
            try {
                return after.apply(m, args, m.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
