package cn.xianfeng.org.internal;

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

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The administrator {@code admin} always exists. Its password comes from XIANFENG_ADMIN_PASSWORD and is
 * re-applied at every start; without it a random one is generated once and printed, never stored in git.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String configured;

    AdminBootstrap(JdbcClient jdbc, PasswordEncoder passwords, @Value("${xianfeng.admin-password:}") String configured) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.configured = configured;
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
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            insert(passwords.encode(generated));
            log.warn("\n\n  No XIANFENG_ADMIN_PASSWORD set: generated password for 'admin': {}\n", generated);
        }
    }

    private void insert(String hash) {
        jdbc.sql("insert into person (username, name, password_hash, superuser) values ('admin', '系统管理员', ?, true)")
                .param(hash).update();
    }
}
