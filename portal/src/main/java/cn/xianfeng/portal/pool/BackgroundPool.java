package cn.xianfeng.portal.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The application's one {@code DataSource}, with two Hikari pools behind it: connections asked for on a background
 * thread (after-commit listeners, the indexer, scheduled jobs, republished event publications, Flowable's async
 * executor) come from a small pool of their own, so request threads never queue behind them for the main pool.
 * Which pool is decided by the thread's name when a connection is taken; a transaction keeps its connection, and a
 * transaction never moves between threads, so one transaction always uses one pool.
 */
public class BackgroundPool extends DelegatingDataSource implements AutoCloseable {

    /** PostgreSQL's {@code application_name} of the background pool's connections. */
    public static final String APPLICATION_NAME = "xianfeng-background";

    private final HikariDataSource main;
    private final HikariDataSource background;
    private final List<String> backgroundThreads;

    BackgroundPool(HikariDataSource main, int maximumPoolSize, List<String> backgroundThreads) {
        super(main);
        this.main = main;
        this.backgroundThreads = List.copyOf(backgroundThreads);
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName((main.getPoolName() == null ? "xianfeng" : main.getPoolName()) + "-background");
        // its sessions are told apart in pg_stat_activity (and by BackgroundPoolTest); in the URL, since the copied
        // data source properties are the main pool's own object
        if (config.getJdbcUrl() != null && config.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !config.getJdbcUrl().contains("ApplicationName=")) {
            config.setJdbcUrl(config.getJdbcUrl() + (config.getJdbcUrl().contains("?") ? "&" : "?")
                    + "ApplicationName=" + APPLICATION_NAME);
        }
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(1, maximumPoolSize));
        this.background = new HikariDataSource(config);
    }

    /** Whether a connection taken on this thread comes from the background pool. */
    public boolean isBackground(Thread thread) {
        String name = thread.getName();
        return backgroundThreads.stream().anyMatch(name::startsWith);
    }

    public HikariDataSource main() {
        return main;
    }

    public HikariDataSource background() {
        return background;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return (isBackground(Thread.currentThread()) ? background : main).getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return (isBackground(Thread.currentThread()) ? background : main).getConnection(username, password);
    }

    @Override
    public void close() {
        background.close();
        main.close();
    }
}
