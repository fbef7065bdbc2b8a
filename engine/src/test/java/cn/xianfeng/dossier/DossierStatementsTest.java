package cn.xianfeng.dossier;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.PdfText;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
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

/**
 * What issuing a dossier costs the issuing thread on a real PostgreSQL (issue 17: ≤ 10 statements on all threads, the
 * search indexer's pass after it included): at most 6 statements in one transaction, however many events, attachments
 * and names the case has; and who may issue it stays decided afresh in that first statement.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@Import(StatementCounter.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierStatementsTest {

    /** The case with its standing, its chain, the names, the attachments listed with their contents, the row, the event. */
    static final int MOST = 6;

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Documents documents;
    @Autowired Dossiers dossiers;
    @Autowired cn.xianfeng.dues.DuesBases bases;
    @Autowired cn.xianfeng.dues.DuesLedger ledger;
    @Autowired java.time.Clock clock;
    @Autowired cn.xianfeng.audit.AuditReads reads;

    String caseId;

    @BeforeAll
    void aCaseWithAttachmentsAndSteps() throws Exception {
        TestCounty.create(orgs, people);
        people.create(new NewPerson("count1", "计数党员", LocalDate.of(1986, 4, 1), "K-T-B1", MemberStatus.FULL,
                LocalDate.of(2011, 7, 1), TestCounty.PASSWORD), "admin");
        cn.xianfeng.TestDues.paidUp(bases, ledger, "count1", clock);
        Map<String, Object> start = new HashMap<>(Map.of("toOrgCode", "K-T-B2", "reason", "工作调动"));
        caseId = cases.start(new StartCase("relation-transfer", null, start), "count1", Locale.SIMPLIFIED_CHINESE).id();
        cases.attach(caseId, "scan-1.png", new ByteArrayInputStream(png(Color.RED)), "count1");
        cases.attach(caseId, "scan-2.png", new ByteArrayInputStream(png(Color.BLUE)), "count1");
        String task = cases.view(caseId, "admin").current().get(0).taskId();
        tasks.complete(task, Map.of("decision", "APPROVE"), "同意转出", "sec1", Locale.SIMPLIFIED_CHINESE);
        dossiers.issue(caseId, "sec1"); // the caches' first load (process catalog) is not what a dossier costs
    }

    @Test
    void aDossierCostsAtMostSixStatementsAndOneCommitOnTheIssuingThread() {
        Documents.Issued[] issued = new Documents.Issued[1];
        StatementCounter.Counted counted = StatementCounter.on(() -> issued[0] = dossiers.issue(caseId, "sec1"));

        System.out.println("dossier, issuing thread: " + counted.statements().size() + " statements, "
                + counted.commits() + " commit(s):\n  " + String.join("\n  ", counted.statements()));
        assertThat(counted.statements()).as(String.join("\n", counted.statements())).hasSizeLessThanOrEqualTo(MOST);
        assertThat(counted.commits()).as("one transaction for the whole issue").isEqualTo(1);
        assertThat(counted.statements()).filteredOn(s -> s.contains("insert into issued_document")).hasSize(1);
        assertThat(counted.statements()).filteredOn(s -> s.contains("update audit_chain_head")).hasSize(1);
        assertThat(counted.statements()).as("the process catalog is served from its cache")
                .noneMatch(s -> s.contains("ACT_RE_PROCDEF"));
        // what the statements saved is still printed, and the document verifies
        assertThat(PdfText.of(issued[0].pdf())).contains("计数党员（count1）").contains("支书一（sec1）")
                .contains("转出支部审核").contains("附件2：scan-2.png").contains("审计链校验：通过");
        assertThat(documents.verify(issued[0].document().code()).valid()).isTrue();
        assertThat(documents.checkSignature(issued[0].pdf()).valid()).isTrue();
    }

    @Test
    void theCountDoesNotGrowWithAttachmentsOrNames() throws Exception {
        int before = StatementCounter.on(() -> dossiers.issue(caseId, "sec1")).statements().size();
        cases.attach(caseId, "scan-3.png", new ByteArrayInputStream(png(Color.GREEN)), "count1");
        cases.attach(caseId, "scan-4.png", new ByteArrayInputStream(png(Color.BLACK)), "count1");
        // listed with its SHA-256, never embedded: its content is not read
        cases.attach(caseId, "名单.xlsx", new ByteArrayInputStream(new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0}), "count1");
        // another issuer: a name more in the trail (the earlier dossiers' DOCUMENT_ISSUED events name their issuers)
        dossiers.issue(caseId, "reviewer");

        Documents.Issued[] issued = new Documents.Issued[1];
        StatementCounter.Counted after = StatementCounter.on(() -> issued[0] = dossiers.issue(caseId, "sec1"));
        assertThat(after.statements()).as(String.join("\n", after.statements())).hasSize(before);
        String text = PdfText.of(issued[0].pdf());
        // the list first, then each shown file once, in the list's order; the spreadsheet only listed
        assertThat(text).contains("附件5 名单.xlsx").doesNotContain("附件5：名单.xlsx")
                .contains("附件1：scan-1.png").contains("附件4：scan-4.png");
        assertThat(text.indexOf("附件1：scan-1.png")).isLessThan(text.indexOf("附件2：scan-2.png"));
        assertThat(text.indexOf("附件3：scan-3.png")).isLessThan(text.indexOf("附件4：scan-4.png"));
        assertThat(documents.verify(issued[0].document().code()).valid()).isTrue();
    }

    /** The standing is read with the case in each issue, never cached: a revoked role is refused at once. */
    @Test
    void whoMayIssueIsDecidedAfreshAndOtherOrgsLearnNothing() {
        people.create(new NewPerson("count-reviewer", "计数组织员", LocalDate.of(1980, 1, 1), "K-T-B2", MemberStatus.FULL,
                LocalDate.of(2001, 7, 1), TestCounty.PASSWORD), "admin");
        people.grant("count-reviewer", Role.COMMITTEE_REVIEWER, "K-T", "admin");
        String issuedByReviewer = dossiers.issue(caseId, "count-reviewer").document().code();
        assertThat(documents.latest(caseId, Dossiers.KIND).orElseThrow().code()).isEqualTo(issuedByReviewer);

        people.revoke("count-reviewer", Role.COMMITTEE_REVIEWER, "K-T", "admin");
        assertThatThrownBy(() -> dossiers.issue(caseId, "count-reviewer")).isInstanceOf(NotFoundException.class);
        // a secretary of the neighbouring branch, an auditor of the county (reads, never issues), the member
        assertThatThrownBy(() -> dossiers.issue(caseId, "sec2")).isInstanceOf(NotFoundException.class);
        long auditorReads = auditorReadsOfTheCase();
        assertThatThrownBy(() -> dossiers.issue(caseId, "auditor")).isInstanceOf(ForbiddenException.class);
        assertThat(auditorReadsOfTheCase()).as("the auditor's refused attempt still read the case: logged")
                .isEqualTo(auditorReads + 1);
        assertThatThrownBy(() -> dossiers.issue(caseId, "count1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> dossiers.issue("no-such-case", "sec1")).isInstanceOf(NotFoundException.class);
        assertThat(documents.latest(caseId, Dossiers.KIND).orElseThrow().code()).as("a refusal writes nothing")
                .isEqualTo(issuedByReviewer);
        // the superuser issues anywhere
        assertThat(dossiers.issue(caseId, "admin").document().code()).isNotEqualTo(issuedByReviewer);
    }

    private long auditorReadsOfTheCase() {
        return reads.list("auditor", java.time.Instant.EPOCH, clock.instant().plusSeconds(86_400), 0, 1000).items()
                .stream().filter(r -> caseId.equals(r.caseId())).count();
    }

    private static byte[] png(Color color) throws Exception {
        BufferedImage img = new BufferedImage(160, 100, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 160, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
