package cn.xianfeng.portal.embedded;

import cn.xianfeng.common.SecretFiles;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The embedded default: with no {@code spring.datasource.url}, a real PostgreSQL runs inside the portal's
 * process tree, its data in {@code xianfeng.data-dir}/postgres so that it survives restarts.
 *
 * <p>Every connection needs a password ({@link PasswordAuthentication}); both passwords are generated once into
 * {@code xianfeng.data-dir}/secrets (owner-only). Flyway migrates as the superuser; the application (its pool,
 * Flowable) connects as {@link ApplicationRole#NAME}, which is no superuser. The server is stopped by Spring when
 * the context closes, after every bean that uses the database (no shutdown hook of its own, which would stop it
 * while requests and the process engine still run).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";

    /** The running server and the two passwords it was started with. */
    record EmbeddedDatabase(EmbeddedPostgres server, String superuserPassword, String applicationPassword)
            implements AutoCloseable {

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static Path secrets(String dataDir) {
        return Path.of(dataDir).toAbsolutePath().resolve("secrets");
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${xianfeng.data-dir:./data}") String dataDir,
                                      @Value("${xianfeng.embedded-postgres.port:0}") int port) throws IOException, SQLException {
        Path data = Path.of(dataDir, "postgres").toAbsolutePath();
        SecretFiles.ownerOnlyDirectory(data.getParent());
        Path superuserFile = secrets(dataDir).resolve("postgres-superuser.password");
        SecretFiles.Secret superuser = SecretFiles.readOrCreate(superuserFile);
        String application = SecretFiles.readOrCreate(secrets(dataDir).resolve("postgres-app.password")).value();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's readiness check connects as the superuser: with the password
                .setConnectConfig("password", superuser.value())
                .setDataDirectoryCustomizer(new PasswordAuthentication(superuser.value(), superuser.generated()));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new IOException("Embedded PostgreSQL did not start with the superuser password in " + superuserFile
                    + " (if that file was edited by hand, delete it: a new password is then set at start)", e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, superuser.value(), application);
        try {
            ApplicationRole.ensure(superuserDataSource(database), application);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        log.info("Embedded PostgreSQL on port {} with data in {}; passwords in {}", postgres.getPort(), data,
                secrets(dataDir));
        return database;
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername(ApplicationRole.NAME);
        ds.setPassword(database.applicationPassword());
        ds.setMaximumPoolSize(10);
        ds.setPoolName("xianfeng-embedded");
        return ds;
    }

    /**
     * Flyway migrates as the superuser, on connections of its own that close after migrating: the tables end up
     * with their owners (the application's role; {@code xianfeng_ledger} for the append-only ones) only through
     * the engine's ledger callback, which needs a role that may hand tables over.
     */
    @Bean
    FlywayConfigurationCustomizer embeddedFlywayAsSuperuser(EmbeddedDatabase database) {
        return configuration -> configuration.dataSource(database.jdbcUrl(), SUPERUSER, database.superuserPassword());
    }

    static PGSimpleDataSource superuserDataSource(EmbeddedDatabase database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(database.jdbcUrl());
        ds.setUser(SUPERUSER);
        ds.setPassword(database.superuserPassword());
        return ds;
    }
}
