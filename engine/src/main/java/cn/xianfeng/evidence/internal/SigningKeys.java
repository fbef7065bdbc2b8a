package cn.xianfeng.evidence.internal;

import cn.xianfeng.common.SecretFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The signing key: the configured keystore (production), else a development key and self-signed certificate
 * generated at first start and kept in a PKCS#12 file under the data directory, so documents stay verifiable
 * against the same certificate across restarts. The development keystore's password is random, generated once
 * into {@code secrets/signing-keystore.password} (owner-only); a keystore of an older version, protected by the
 * former constant password, is re-encrypted with it at first start (same key and certificate).
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** What versions before the generated password protected the development keystore with. */
    private static final char[] LEGACY_PASSWORD = "xianfeng-development".toCharArray();

    record Key(PrivateKey privateKey, X509Certificate certificate) {

        /** SHA-256 with the key's own algorithm: a configured keystore may hold RSA or EC, the development one EC. */
        String signatureAlgorithm() {
            return switch (privateKey.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> throw new IllegalStateException("a signing key must be RSA or EC, not "
                        + privateKey.getAlgorithm());
            };
        }
    }

    private SigningKeys() {
    }

    static Key load(String keystore, String password, String alias, String dataDir) {
        try {
            if (!keystore.isBlank()) {
                return read(Path.of(keystore), password.toCharArray(), alias);
            }
            Path base = SecretFiles.dataDir(dataDir);
            Path dev = base.resolve("signing").resolve("development.p12");
            char[] devPassword = SecretFiles.readOrCreate(passwordFile(base)).value().toCharArray();
            synchronized (SigningKeys.class) {
                if (!Files.exists(dev)) {
                    generate(dev, alias, devPassword);
                }
                SecretFiles.restrictToOwner(dev);
                return readDevelopment(dev, devPassword, alias);
            }
        } catch (Exception e) {
            throw new IllegalStateException("signing key unavailable: " + e.getMessage(), e);
        }
    }

    static Path passwordFile(Path dataDir) {
        return dataDir.resolve("secrets").resolve("signing-keystore.password");
    }

    /** Opens the development keystore; one still under the former constant password is re-encrypted first. */
    private static Key readDevelopment(Path file, char[] password, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException wrongPassword) {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, LEGACY_PASSWORD);
            } catch (IOException neither) {
                throw new IOException(file + " opens neither with the password in " + passwordFile(file.getParent()
                        .getParent()) + " nor with the former constant: restore that file, or move the keystore "
                        + "away to have a new development key generated", neither);
            }
            reencrypt(store, file, alias, password);
            log.warn("Re-encrypted the development signing keystore {} with the generated password in {}", file,
                    passwordFile(file.getParent().getParent()));
        }
        return read(file, password, alias);
    }

    private static void reencrypt(KeyStore legacy, Path file, String alias, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, legacy.getKey(alias, LEGACY_PASSWORD), password, legacy.getCertificateChain(alias));
        Path temp = Files.createTempFile(file.getParent(), "development", ".p12");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Key read(Path file, char[] password, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        if (!store.isKeyEntry(alias)) {
            throw new IllegalStateException("no key '" + alias + "' in " + file);
        }
        return new Key((PrivateKey) store.getKey(alias, password), (X509Certificate) store.getCertificate(alias));
    }

    /**
     * EC P-256: the strength of RSA-3072 (128 bits), but generated in milliseconds where RSA-3072's prime search took
     * 2–12 s of a first start (the latter with a cold JIT on a busy machine). Keystores of older versions hold RSA and
     * keep signing with it.
     */
    private static void generate(Path file, String alias, char[] password) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Xianfeng development signing key (not for production), O=Xianfeng");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[]{certificate});
        SecretFiles.ownerOnlyDirectory(file.getParent());
        // createTempFile makes it owner-only (0600): the private key is readable by this user alone
        Path temp = Files.createTempFile(file.getParent(), "development", ".p12");
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        // a concurrent first start in another JVM keeps whichever file lands first
        try {
            Files.move(temp, file);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
        }
        log.warn("Generated a development signing key in {} — configure xianfeng.signing.keystore in production", file);
    }
}
