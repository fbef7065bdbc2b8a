package cn.xianfeng.cluster.internal;

import cn.xianfeng.cluster.SharedCaches;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hears every node's cache invalidations: {@code LISTEN} on a connection of its own (outside the pool, so requests
 * keep all of theirs), polled every {@value #POLL_MILLIS} ms and checked with a query now and then, since a silently
 * dropped connection delivers nothing. Connected, it lets caches cache; disconnected, it empties them and they load
 * every read until it is back (with whatever changed meanwhile).
 */
final class InvalidationListener implements DisposableBean {

    static final int POLL_MILLIS = 250;
    private static final long CHECK_NANOS = 5_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(InvalidationListener.class);

    private final DataSource dataSource;
    private final SharedCaches caches;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Connection current;

    InvalidationListener(DataSource dataSource, SharedCaches caches) {
        this.dataSource = dataSource;
        this.caches = caches;
        caches.listeningWhile(() -> connected);
    }

    /** Starts the listening thread once (on the first cache's creation). */
    void start() {
        if (started.compareAndSet(false, true)) {
            Thread t = new Thread(this::listen, "cache-invalidations");
            t.setDaemon(true);
            t.start();
        }
    }

    boolean connected() {
        return connected;
    }

    /** For tests of a lost connection: closes the current one as a network failure would. */
    void dropConnection() throws SQLException {
        Connection c = current;
        if (c != null) {
            c.close();
        }
    }

    private void listen() {
        long backoff = 1000;
        while (running) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                current = c;
                s.execute("listen " + SharedCaches.CHANNEL);
                caches.dropAll();
                connected = true;
                backoff = 1000;
                log.debug("listening for cache invalidations");
                PGConnection pg = c.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            caches.received(n.getParameter());
                        }
                    }
                    if (System.nanoTime() - checked > CHECK_NANOS) {
                        s.execute("select 1");
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (connected) {
                    log.warn("cache invalidations: connection lost ({}); caching paused until it is back", e.getMessage());
                }
            } finally {
                connected = false;
                current = null;
                caches.dropAll();
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            if (hikari.getJdbcUrl() != null) {
                java.util.Properties p = new java.util.Properties();
                if (hikari.getUsername() != null) {
                    p.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    p.setProperty("password", hikari.getPassword());
                }
                // a connection that silently died (network) shows at the next check instead of hanging for minutes
                p.setProperty("socketTimeout", "15");
                p.setProperty("tcpKeepAlive", "true");
                p.setProperty("ApplicationName", "xianfeng cache invalidations");
                return DriverManager.getConnection(hikari.getJdbcUrl(), p);
            }
        }
        return dataSource.getConnection();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() {
        running = false;
    }
}
