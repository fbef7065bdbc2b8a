package cn.xianfeng.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Turns a stopped portal's data directory back into what versions before password authentication left: every
 * local connection trusted, every object the superuser's (no application or ledger role), no secrets directory,
 * the development keystore under the former constant password.
 */
final class LegacyDataDirectory {

    /** pg_hba.conf as zonky's {@code initdb -A trust} writes it, less its comments. */
    static final String TRUST = """
            local   all             all                                     trust
            host    all             all             127.0.0.1/32            trust
            host    all             all             ::1/128                 trust
            local   replication     all                                     trust
            host    replication     all             127.0.0.1/32            trust
            host    replication     all             ::1/128                 trust
            """;

    private LegacyDataDirectory() {
    }

    static void downgrade(Path dataDir, String superuserPassword, String keystorePassword, String legacyKeystorePassword)
            throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setConnectConfig("password", superuserPassword).start();
             Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", superuserPassword);
             Statement s = c.createStatement()) {
            s.execute("reassign owned by xianfeng_app, xianfeng_ledger to postgres");
            s.execute("drop owned by xianfeng_app, xianfeng_ledger");
            s.execute("drop role xianfeng_app");
            s.execute("drop role xianfeng_ledger");
            s.execute("grant create on schema public to public");
            s.execute("alter role postgres password null");
        }
        Files.writeString(dataDir.resolve("postgres").resolve("pg_hba.conf"), TRUST);
        Path keystore = dataDir.resolve("signing").resolve("development.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, keystorePassword.toCharArray());
        }
        KeyStore legacy = KeyStore.getInstance("PKCS12");
        legacy.load(null, null);
        String alias = store.aliases().nextElement();
        legacy.setKeyEntry(alias, store.getKey(alias, keystorePassword.toCharArray()), legacyKeystorePassword.toCharArray(),
                store.getCertificateChain(alias));
        try (OutputStream out = Files.newOutputStream(keystore)) {
            legacy.store(out, legacyKeystorePassword.toCharArray());
        }
        deleteRecursively(dataDir.resolve("secrets"));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
