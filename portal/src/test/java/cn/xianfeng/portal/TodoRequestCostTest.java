package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: what a task list costs the database, counted at the JDBC boundary on the threads that serve it: pooled
 * connections taken and statements executed. A 待办 is one statement in one read-only transaction (one connection);
 * 已办, 抄送 and 我发起的 one connection each; the page and the API request around them add only the session's and
 * the signed-in person's own reads. 谁欠谁 (tasks owed and dues) is one connection too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.test.context=todo-cost"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TodoRequestCostTest {

    @LocalServerPort int port;
    private List<String> lastRequestSql = List.of();
    @Autowired TaskLists lists;

    /** Connections taken and statements run on the counted threads: this one while counting, and Tomcat's. */
    record Cost(long borrows, long statements) {
    }

    @Test
    void aTodoListIsOneStatementOnOneConnection() throws Exception {
        Fixtures.startReport(port, "lisi", "计数 一");
        Fixtures.startReport(port, "lisi", "计数 二");
        TaskFilter todo = new TaskFilter("todo", null, null, null);
        assertThat(lists.list(todo, "zhangsan", 0, 20).total()).isGreaterThanOrEqualTo(2);

        Cost list = direct(() -> lists.list(todo, "zhangsan", 0, 20));
        Cost filtered = direct(() -> lists.list(new TaskFilter("todo", "report", null, null, "计数", "due"), "zhangsan", 0, 20));
        Cost done = direct(() -> lists.list(new TaskFilter("done", null, null, null), "zhangsan", 0, 20));
        Cost copies = direct(() -> lists.list(new TaskFilter("cc", null, null, null), "zhangsan", 0, 20));
        System.out.printf("task lists (TaskLists.list): todo %s, todo filtered+sorted %s, done %s, cc %s%n",
                list, filtered, done, copies);

        BadInputCorpus.Session session = BadInputCorpus.Session.signIn(port, "zhangsan");
        Cost api = overHttp(session, "/api/tasks");
        List<String> apiSql = List.copyOf(lastRequestSql);
        Cost page = overHttp(session, "/tasks");
        Cost apiDone = overHttp(session, "/api/tasks?scope=done");
        Cost started = overHttp(BadInputCorpus.Session.signIn(port, "lisi"), "/api/cases?scope=mine");
        System.out.printf("requests (Tomcat's threads): GET /api/tasks %s, GET /tasks %s, GET /api/tasks?scope=done %s, "
                + "GET /api/cases?scope=mine (two open cases) %s%n", api, page, apiDone, started);
        // 谁欠谁 of a township: the tasks owed, this month's dues and the arrears in one read-only transaction
        Cost owed = overHttp(BadInputCorpus.Session.signIn(port, "chenyi"), "/api/owed?org=C01-T1");
        List<String> owedSql = List.copyOf(lastRequestSql);
        System.out.printf("GET /api/owed?org=C01-T1 %s%n", owed);
        owedSql.forEach(sql -> System.out.println("  GET /api/owed: " + sql.substring(0, Math.min(140, sql.length()))));
        System.out.printf("serial GET /api/tasks as zhangsan (one client, 40 after 10 warm-up): median %.1f ms, p90 %.1f ms%n",
                millis(session, "/api/tasks", 0.5), millis(session, "/api/tasks", 0.9));
        apiSql.forEach(sql -> System.out.println("  GET /api/tasks: " + sql.substring(0, Math.min(140, sql.length()))));
        assertThat(list).isEqualTo(new Cost(1, 1));
        assertThat(filtered).isEqualTo(new Cost(1, 1));
        assertThat(done.borrows()).isEqualTo(1);
        assertThat(copies.borrows()).isEqualTo(1);
        // around the list's one connection and statement: the session read (twice: loaded, and again as it is
        // saved) and written, and the read log's check of who the caller is; nothing per task
        assertThat(api.borrows()).isLessThanOrEqualTo(list.borrows() + 4);
        assertThat(api.statements()).isLessThanOrEqualTo(list.statements() + 4);
        // the view's parts each took a connection per statement (11 in all): now the request's own reads and one
        assertThat(owed.borrows()).isLessThanOrEqualTo(api.borrows() + 1);
        // whether the viewer may read the org: asked by each of the view's three parts, answered once per transaction
        assertThat(owedSql).filteredOn(sql -> sql.contains("join org_unit holder on holder.code = r.org_code"))
                .hasSize(1);
        // 我发起的 reads each case's steps and trail, but on the one connection of its transaction
        assertThat(started.borrows()).isLessThanOrEqualTo(api.borrows());
    }

    private Cost direct(Runnable action) {
        action.run(); // warm: caches, prepared statements
        Counting.HERE.set(true);
        long b = Counting.BORROWS.get();
        long s = Counting.STATEMENTS.get();
        try {
            action.run();
        } finally {
            Counting.HERE.remove();
        }
        return new Cost(Counting.BORROWS.get() - b, Counting.STATEMENTS.get() - s);
    }

    /** The least of five calls after a warm-up (a background job's connection never counts: not Tomcat's thread). */
    private Cost overHttp(BadInputCorpus.Session session, String path) throws Exception {
        Cost least = null;
        for (int i = 0; i < 6; i++) {
            Counting.SQL.clear();
            long b = Counting.BORROWS.get();
            long s = Counting.STATEMENTS.get();
            HttpResponse<String> r = session.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Cost c = new Cost(Counting.BORROWS.get() - b, Counting.STATEMENTS.get() - s);
            if (i > 0 && (least == null || c.statements() < least.statements())) {
                least = c;
                lastRequestSql = List.copyOf(Counting.SQL);
            }
        }
        return least;
    }

    /** Wall time of serial requests, a quantile of 40 (not asserted: the machine is shared; printed for issue 17). */
    private double millis(BadInputCorpus.Session session, String path, double quantile) throws Exception {
        List<Long> times = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            session.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i >= 10) {
                times.add(System.nanoTime() - t);
            }
        }
        times.sort(null);
        return times.get((int) Math.min(times.size() - 1, Math.round(quantile * (times.size() - 1)))) / 1e6;
    }

    @TestConfiguration
    static class Counting {

        static final AtomicLong BORROWS = new AtomicLong();
        static final AtomicLong STATEMENTS = new AtomicLong();
        static final ThreadLocal<Boolean> HERE = new ThreadLocal<>();
        /** The statements' SQL on the counted threads, for the printout. */
        static final java.util.Queue<String> SQL = new java.util.concurrent.ConcurrentLinkedQueue<>();

        static boolean counted() {
            return Boolean.TRUE.equals(HERE.get()) || Thread.currentThread().getName().startsWith("http-nio");
        }

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds && "dataSource".equals(name) ? proxy(ds, DataSource.class) : bean;
                }
            };
        }

        @SuppressWarnings("unchecked")
        static <T> T proxy(Object target, Class<T> type) {
            return (T) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                String m = method.getName();
                if (type == DataSource.class && m.equals("getConnection")) {
                    if (counted()) {
                        BORROWS.incrementAndGet();
                    }
                    return proxy(result, Connection.class);
                }
                if (type == Connection.class && m.startsWith("prepare") && counted()) {
                    SQL.add(String.valueOf(args[0]).replaceAll("\\s+", " "));
                }
                if (type == Connection.class && result instanceof CallableStatement) {
                    return proxy(result, CallableStatement.class);
                }
                if (type == Connection.class && result instanceof PreparedStatement) {
                    return proxy(result, PreparedStatement.class);
                }
                if (type == Connection.class && result instanceof Statement && m.equals("createStatement")) {
                    return proxy(result, Statement.class);
                }
                if (Statement.class.isAssignableFrom(type) && m.startsWith("execute") && counted()) {
                    STATEMENTS.incrementAndGet();
                }
                return result;
            });
        }
    }
}
