package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.SignatureCheck;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing with either kind of key a data directory or a configured keystore may hold: the development key generated
 * now (EC P-256) and an RSA key (older development keystores, most production ones). Each signature verifies, and a
 * changed byte makes it fail.
 */
class SignerTest {

    @Test
    void theGeneratedDevelopmentKeyIsP256AndItsSignaturesVerify(@TempDir Path data) throws Exception {
        Signer signer = new Signer("", "", "xianfeng", data.toString());

        assertThat(signer.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) signer.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        signedAndVerified(signer);
    }

    @Test
    void anRsaKeystoreStillSigns(@TempDir Path data) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=RSA test key");
        Instant now = Instant.now();
        Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("org", pair.getPrivate(), "test-only".toCharArray(), new Certificate[]{certificate});
        Path keystore = data.resolve("org.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "test-only".toCharArray());
        }

        Signer signer = new Signer(keystore.toString(), "test-only", "org", data.toString());

        assertThat(signer.certificate()).isEqualTo(certificate);
        signedAndVerified(signer);
    }

    private static void signedAndVerified(Signer signer) throws Exception {
        byte[] signed = signer.sign(blankPdf(), "党委", "测试", Instant.parse("2026-12-01T00:00:00Z"));

        SignatureCheck check = SignatureVerifier.check(signed);
        assertThat(check.valid()).as(check.problem()).isTrue();
        assertThat(check.signer()).isEqualTo("党委");

        // a byte of the header's binary comment: the file still parses, only the signature no longer matches
        byte[] changed = signed.clone();
        assertThat(changed[9]).isEqualTo((byte) '%');
        changed[11] ^= 0x01;
        SignatureCheck tampered = SignatureVerifier.check(changed);
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.problem()).contains("签名与内容不符");
    }

    private static byte[] blankPdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
