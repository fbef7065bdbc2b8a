package cn.xianfeng.testing;

import cn.xianfeng.testing.RealServices.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL server reached through its admin database, where we are allowed to create databases. */
record PostgresServer(String adminUrl, String username, String password) {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");

    static PostgresServer start() {
        String url = System.getenv("XIANFENG_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, env("XIANFENG_TEST_POSTGRES_USER", "postgres"),
                    env("XIANFENG_TEST_POSTGRES_PASSWORD", "postgres"));
        }
        if (Docker.available()) {
            try {
                return Docker.postgres();
            } catch (RuntimeException e) {
                Docker.fallingBack("PostgreSQL", e);
            }
        }
        return embedded();
    }

    private static PostgresServer embedded() {
        try {
            // zonky registers its own shutdown hook that stops the server. Nothing of a test run must survive the
            // machine: no flush to disk at commits, checkpoints and every "create database" (one per context)
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off").start();
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Database createDatabase() {
        // pid plus a random part: an external server may be shared by several JVMs and machines
        String name = "xf_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(adminUrl, username, password);
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " via " + adminUrl, e);
        }
        return new Database(withDatabase(adminUrl, name), username, password);
    }

    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = DATABASE_IN_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Expected jdbc:postgresql://host[:port]/database[?...], got " + jdbcUrl);
        }
        return m.group(1) + database + m.group(3);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
