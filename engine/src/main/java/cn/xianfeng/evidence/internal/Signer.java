package cn.xianfeng.evidence.internal;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Signs issued PDFs with the organization's key: a detached CMS (PKCS#7) SHA-256 signature in an incremental
 * update, so the PDF/A file stays byte for byte what was rendered and the signature covers all of it.
 */
@Component
public class Signer {

    private final SigningKeys.Key key;

    Signer(@Value("${xianfeng.signing.keystore:}") String keystore,
           @Value("${xianfeng.signing.keystore-password:}") String password,
           @Value("${xianfeng.signing.keystore-alias:xianfeng}") String alias,
           @Value("${xianfeng.data-dir:}") String dataDir) {
        this.key = SigningKeys.load(keystore, password, alias, dataDir);
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public byte[] sign(byte[] pdf, String signer, String reason, Instant at) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(signer);
            signature.setReason(reason);
            Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            calendar.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(calendar);
            doc.addSignature(signature, this::cms);
            // PDF/A wants every annotation printable, the invisible signature's widget too
            doc.getSignatureFields().forEach(f -> f.getWidgets().forEach(w -> w.setPrinted(true)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16384);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] cms(InputStream content) throws IOException {
        try {
            PrivateKey privateKey = key.privateKey();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(key.signatureAlgorithm()).build(privateKey), key.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
            // DER rather than BER: definite lengths, so an offline checker can cut the zero padding of /Contents
            return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false)
                    .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("signing failed", e);
        }
    }

}
