package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.SignatureCheck;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** Checks the last signature of a PDF the way an offline reader would: the CMS over the signed byte ranges. */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    public static SignatureCheck check(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getLastSignatureDictionary();
            if (signature == null) {
                return failed("未签名");
            }
            int[] range = signature.getByteRange();
            Instant at = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    signature.getContents(pdf));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder certificate = (X509CertificateHolder) cms.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();
            boolean verified;
            try {
                verified = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            } catch (Exception e) {
                verified = false;
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            String problem = !verified ? "签名与内容不符（文件已被改动）"
                    : range.length != 4 || range[0] != 0 || (long) range[2] + range[3] != pdf.length
                    ? "签名之后文件又有追加内容" : null;
            return new SignatureCheck(problem == null, signature.getName(), certificate.getSubject().toString(), sha,
                    at, problem);
        } catch (Exception e) {
            return failed("无法读取签名：" + e.getMessage());
        }
    }

    private static SignatureCheck failed(String problem) {
        return new SignatureCheck(false, null, null, null, null, problem);
    }
}
