package cn.xianfeng.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL (and, later, Elasticsearch) for tests, one server per JVM.
 * Each caller of {@link #freshDatabase()} gets its own database so test classes never see each other's rows.
 */
public final class RealServices {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private RealServices() {
    }

    public record Database(String jdbcUrl, String username, String password) {
    }

    public static synchronized Database freshDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            String name = "xf_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return new Database(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
