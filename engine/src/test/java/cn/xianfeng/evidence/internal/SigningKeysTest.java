package cn.xianfeng.evidence.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development keystore's password: random per data directory, in an owner-only file, never the former constant;
 * a keystore an older version left under the constant is re-encrypted, keeping its key and certificate.
 */
class SigningKeysTest {

    static final String FORMER_CONSTANT = "xianfeng-development";

    @Test
    void eachDataDirectoryGetsItsOwnRandomPasswordInAnOwnerOnlyFile(@TempDir Path one, @TempDir Path two) throws Exception {
        SigningKeys.Key first = SigningKeys.load("", "", "xianfeng", one.toString());
        SigningKeys.load("", "", "xianfeng", two.toString());
        String a = Files.readString(SigningKeys.passwordFile(one)).strip();
        String b = Files.readString(SigningKeys.passwordFile(two)).strip();
        assertThat(a).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(b).isNotEqualTo(FORMER_CONSTANT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SigningKeys.passwordFile(one))))
                .isEqualTo("rw-------");
        Path keystore = one.resolve("signing").resolve("development.p12");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThat(opens(keystore, a)).isTrue();
        assertThat(opens(keystore, FORMER_CONSTANT)).isFalse();
        // a restart finds the same key
        assertThat(SigningKeys.load("", "", "xianfeng", one.toString()).certificate()).isEqualTo(first.certificate());
    }

    @Test
    void aKeystoreUnderTheFormerConstantIsReencryptedWithTheSameKey(@TempDir Path data) throws Exception {
        SigningKeys.Key original = SigningKeys.load("", "", "xianfeng", data.toString());
        Path keystore = data.resolve("signing").resolve("development.p12");
        String generated = Files.readString(SigningKeys.passwordFile(data)).strip();
        // what an older version left: the constant, no password file
        reencrypt(keystore, generated, FORMER_CONSTANT);
        Files.delete(SigningKeys.passwordFile(data));

        SigningKeys.Key upgraded = SigningKeys.load("", "", "xianfeng", data.toString());

        assertThat(upgraded.certificate()).isEqualTo(original.certificate());
        assertThat(upgraded.privateKey()).isEqualTo(original.privateKey());
        String now = Files.readString(SigningKeys.passwordFile(data)).strip();
        assertThat(now).isNotEqualTo(generated).isNotEqualTo(FORMER_CONSTANT);
        assertThat(opens(keystore, now)).isTrue();
        assertThat(opens(keystore, FORMER_CONSTANT)).isFalse();
    }

    static boolean opens(Path keystore, String password) throws Exception {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
            return true;
        } catch (IOException wrongPassword) {
            return false;
        }
    }

    static void reencrypt(Path keystore, String from, String to) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, from.toCharArray());
        }
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, null);
        out.setKeyEntry("xianfeng", store.getKey("xianfeng", from.toCharArray()), to.toCharArray(),
                store.getCertificateChain("xianfeng"));
        try (OutputStream o = Files.newOutputStream(keystore)) {
            out.store(o, to.toCharArray());
        }
    }
}
