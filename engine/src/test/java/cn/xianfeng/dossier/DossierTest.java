package cn.xianfeng.dossier;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.PdfAssertions;
import cn.xianfeng.evidence.PdfText;
import cn.xianfeng.evidence.SignatureCheck;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A case's dossier: its content, PDF/A-2b, who may have it. One case with a PNG and a (non-PDF/A) PDF attached. */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired AuditTrail audit;
    @Autowired Documents documents;
    @Autowired Dossiers dossiers;
    @Autowired cn.xianfeng.dues.DuesBases bases;
    @Autowired cn.xianfeng.dues.DuesLedger ledger;
    @Autowired java.time.Clock clock;

    String caseId;
    Documents.Issued dossier;

    @BeforeAll
    void aCaseWithAttachments() throws Exception {
        TestCounty.create(orgs, people);
        people.create(new NewPerson("dossier1", "档案党员", LocalDate.of(1985, 3, 1), "K-T-B1", MemberStatus.FULL,
                LocalDate.of(2010, 7, 1), TestCounty.PASSWORD), "admin");
        cn.xianfeng.TestDues.paidUp(bases, ledger, "dossier1", clock);
        Map<String, Object> start = new HashMap<>(Map.of("toOrgCode", "K-T-B2", "reason", "工作调动到第二支部"));
        caseId = cases.start(new StartCase("relation-transfer", null, start), "dossier1", ZH).id();
        cases.attach(caseId, "photo.png", new ByteArrayInputStream(png()), "dossier1");
        cases.attach(caseId, "scan.pdf", new ByteArrayInputStream(helveticaPdf()), "dossier1");
        String task = cases.view(caseId, "admin").current().get(0).taskId();
        tasks.complete(task, Map.of("decision", "APPROVE"),
                "同意转出，党费已交清", "sec1", ZH);
        dossier = dossiers.issue(caseId, "sec1");
    }

    @Test
    void theDossierHoldsCoverTimelineLabelledFormDataAttachmentsAndAuditHashes() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(dossier.pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("案    卷").contains("第一党支部").contains("办理中")
                    .contains("档案党员（dossier1）").contains("支书一（sec1）")
                    .contains("转出支部审核").contains("同意转出，党费已交清")
                    .contains("转入党支部").contains("转接原因").contains("工作调动到第二支部").contains("同意")
                    .contains("附件1：photo.png").contains("scan.pdf（第 1/2 页）").contains("scan.pdf（第 2/2 页）")
                    .contains("审计链校验：通过").contains(dossier.document().code())
                    .contains("第 " + pdf.getNumberOfPages() + " 页");
            assertThat(text).as("the attachment's pages are images, not its text").doesNotContain("HELVETICA PAGE");
            assertThat(text).as("the start form's org code as the org's name").contains("第二党支部");
            for (var event : audit.forCase(caseId).subList(0, 3)) {
                assertThat(text.replaceAll("\\s", "")).contains(event.hash());
            }
        }
        assertThat(dossier.document().kind()).isEqualTo("DOSSIER");
        assertThat(documents.verify(dossier.document().code()).valid()).isTrue();
    }

    @Test
    void noInternalCodeReachesTheDossierAndItsTitleNamesTheProcedureOnce() {
        PdfText.assertNoInternalCodes(dossier.pdf(), "K", "K-T", "K-T-B1", "K-T-B2");
        // the case's title tells it apart (issue 15: the transfer's destination); the procedure is named once
        assertThat(dossier.document().title()).isEqualTo("案卷 · 组织关系转接 · 档案党员 → 第二党支部").doesNotContain(caseId);
    }

    /** A GET serves the stored dossier while nothing happened to the case; any event since makes a new one. */
    @Test
    void readingTheDossierServesTheStoredOneUntilTheCaseChanges() {
        Documents.Issued first = dossiers.current(caseId, "dossier1");
        Documents.Issued again = dossiers.current(caseId, "sec1");
        assertThat(again.document().code()).isEqualTo(first.document().code());
        assertThat(again.pdf()).isEqualTo(first.pdf());
        long issued = documents.ofCase(caseId).stream().filter(d -> d.kind().equals(Dossiers.KIND)).count();

        try {
            cases.attach(caseId, "补充材料.png", new ByteArrayInputStream(png()), "dossier1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Documents.Issued changed = dossiers.current(caseId, "dossier1");
        assertThat(changed.document().code()).isNotEqualTo(first.document().code());
        assertThat(PdfText.of(changed.pdf())).contains("补充材料.png");
        assertThat(dossiers.current(caseId, "sec1").document().code()).isEqualTo(changed.document().code());
        assertThat(documents.ofCase(caseId).stream().filter(d -> d.kind().equals(Dossiers.KIND)).count())
                .isEqualTo(issued + 1);
        assertThatThrownBy(() -> dossiers.current(caseId, "sec2")).isInstanceOf(NotFoundException.class);
    }

    /** Issuing on request: officers and reviewers over the case's org; the member who started it may only read it. */
    @Test
    void onlyOfficersAndReviewersAboveTheCaseIssueANewDossierOnRequest() {
        String before = dossiers.current(caseId, "sec1").document().code();
        assertThatThrownBy(() -> dossiers.issue(caseId, "dossier1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> dossiers.issue(caseId, "auditor")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> dossiers.issue(caseId, "sec2")).isInstanceOf(NotFoundException.class);
        assertThat(documents.latest(caseId, Dossiers.KIND).orElseThrow().code()).isEqualTo(before);
        assertThat(dossiers.issue(caseId, "reviewer").document().code()).isNotEqualTo(before);
    }

    @Test
    void theDossierIsPdfA2b() {
        PdfAssertions.assertPdfA2b(dossier.pdf());
    }

    @Test
    void theDossierIsSignedAndOneFlippedByteFailsTheSignatureCheck() {
        SignatureCheck intact = documents.checkSignature(dossier.pdf());
        assertThat(intact.valid()).as(intact.problem()).isTrue();
        assertThat(intact.signer()).isEqualTo("第一党支部");
        assertThat(intact.certificateSubject()).contains("Xianfeng");

        for (int at : new int[]{dossier.pdf().length / 3, 200}) {
            byte[] tampered = dossier.pdf().clone();
            tampered[at] ^= 0x01;
            SignatureCheck check = documents.checkSignature(tampered);
            assertThat(check.valid()).as("byte " + at + " flipped").isFalse();
            assertThat(check.problem()).isNotBlank();
        }
    }

    @Test
    void onlyThoseWhoMayViewTheCaseGetIt() {
        assertThatThrownBy(() -> dossiers.issue(caseId, "sec2")).isInstanceOf(NotFoundException.class);
    }

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 120, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Two pages in a font that is not embedded: merged as such, it would break PDF/A. */
    private static byte[] helveticaPdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= 2; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 24);
                    s.newLineAtOffset(72, 700);
                    s.showText("HELVETICA PAGE " + i);
                    s.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
