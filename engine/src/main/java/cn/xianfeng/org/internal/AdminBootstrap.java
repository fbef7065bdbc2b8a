package cn.xianfeng.org.internal;

import cn.xianfeng.common.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Path;

/**
 * The administrator {@code admin} always exists. Its password comes from XIANFENG_ADMIN_PASSWORD and is
 * re-applied at every start; without it a random one is generated once into {@code secrets/admin.password} under
 * the data directory (owner-only), and the log says only where it is: a console or log collector never holds it.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String configured;
    private final Path passwordFile;

    AdminBootstrap(JdbcClient jdbc, PasswordEncoder passwords, @Value("${xianfeng.admin-password:}") String configured,
                   @Value("${xianfeng.data-dir:}") String dataDir) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.configured = configured;
        this.passwordFile = SecretFiles.dataDir(dataDir).toAbsolutePath().resolve("secrets").resolve("admin.password");
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        boolean exists = jdbc.sql("select count(*) from person where username = 'admin'").query(Integer.class).single() > 0;
        if (!configured.isBlank()) {
            String hash = passwords.encode(configured);
            if (exists) {
                jdbc.sql("update person set password_hash = ?, superuser = true where username = 'admin'").param(hash).update();
            } else {
                insert(hash);
            }
        } else if (!exists) {
            SecretFiles.Secret secret = SecretFiles.readOrCreate(passwordFile);
            insert(passwords.encode(secret.value()));
            log.warn("\n\n  No XIANFENG_ADMIN_PASSWORD set: the password of 'admin' is in {} ({}; readable by this "
                    + "user only)\n", passwordFile, secret.generated() ? "generated now" : "kept from before");
        }
    }

    private void insert(String hash) {
        jdbc.sql("insert into person (username, name, password_hash, superuser) values ('admin', '系统管理员', ?, true)")
                .param(hash).update();
    }
}
