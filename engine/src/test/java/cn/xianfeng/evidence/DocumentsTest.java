package cn.xianfeng.evidence;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issued documents: Chinese text that PDFBox reads back, serial numbers per issuer and year, verification, voiding. */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DocumentsTest {

    @Autowired Documents documents;
    @Autowired Clock clock;

    private Documents.Issued letter(String org) {
        return documents.issue(new Documents.NewDocument("TEST_LETTER", null, "组织关系介绍信", "测试县委", org, "LETTER"),
                c -> c.pdf().title("中国共产党组织关系介绍信").centered(c.serial())
                        .facts(List.of(new String[]{"姓名", "王五"}, new String[]{"党员身份", "正式党员"}))
                        .paragraph("党费交至2026年10月。").qr(c.verifyUrl(), 72), "admin");
    }

    @Test
    void theTextIsChineseAndReadableAndEveryPageCarriesTheCode() throws Exception {
        Documents.Issued issued = letter("ORG-A");
        try (PDDocument pdf = Loader.loadPDF(issued.pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("中国共产党组织关系介绍信").contains("王五").contains("党费交至2026年10月")
                    .contains(issued.document().code()).contains(issued.document().serial());
        }
        assertThat(issued.document().sha256()).isEqualTo(Attachments.sha256(issued.pdf()));
        assertThat(documents.content(issued.document().code())).isEqualTo(issued.pdf());
    }

    @Test
    void serialNumbersCountPerIssuerAndYear() {
        int year = LocalDate.now(clock).getYear();
        assertThat(letter("ORG-B").document().serial()).isEqualTo("〔" + year + "〕第0001号");
        assertThat(letter("ORG-B").document().serial()).isEqualTo("〔" + year + "〕第0002号");
        assertThat(letter("ORG-C").document().serial()).isEqualTo("〔" + year + "〕第0001号");
    }

    @Test
    void aCodeVerifiesValidThenVoidAfterReplacementAndAnUnknownCodeIs404() {
        Documents.Issued first = letter("ORG-D");
        Documents.Issued second = letter("ORG-D");
        assertThat(documents.verify(first.document().code()).valid()).isTrue();

        documents.voidDocument(first.document().code(), "介绍信过期，已重开", second.document().code(), "admin");

        Documents.Check check = documents.verify(first.document().code().toLowerCase());
        assertThat(check.valid()).isFalse();
        assertThat(check.isVoid()).isTrue();
        assertThat(check.replacedBy()).isEqualTo(second.document().code());
        assertThat(documents.verify(second.document().code()).valid()).isTrue();
        assertThatThrownBy(() -> documents.verify("NOPE")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anIssuedDocumentIsSignedPdfA2bAndItsSignatureNamesOurCertificate() throws Exception {
        byte[] pdf = letter("ORG-E").pdf();
        PdfAssertions.assertPdfA2b(pdf);
        SignatureCheck check = documents.checkSignature(pdf);
        assertThat(check.valid()).as(check.problem()).isTrue();
        assertThat(check.signer()).isEqualTo("测试县委");
        var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(documents.signingCertificatePem().getBytes()));
        assertThat(check.certificateSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));

        byte[] appended = java.util.Arrays.copyOf(pdf, pdf.length + 10);
        assertThat(documents.checkSignature(appended).valid()).as("bytes appended after signing").isFalse();
    }
}
