package cn.xianfeng.retention;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Role;
import cn.xianfeng.dossier.Dossiers;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchTypes;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.HistoryArchive;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.flowable.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention on a real engine and PostgreSQL: a case closed longer than the period has its engine history moved to
 * the archive once its dossier is stored, and still yields its dossier, history, diagram and visibility; recent,
 * open and dossier-less cases are left as they are.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.retention.archive-after=P30D", "xianfeng.retention.initial-delay=PT100H"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class RetentionTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired Retention retention;
    @Autowired HistoryArchive archive;
    @Autowired Dossiers dossiers;
    @Autowired Documents documents;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired AuditTrail audit;
    @Autowired HistoryService history;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired JdbcClient jdbc;
    @Autowired Reindex reindex;
    @Autowired Search search;

    static final String FORMER = "retsec";

    @Test
    void aCaseClosedLongerThanThePeriodIsArchivedAndStillYieldsItsDossierHistoryAndDiagram() throws Exception {
        TestCounty.create(orgs, people);
        people.create(new NewPerson(FORMER, "原支书", LocalDate.of(1975, 5, 1), "K-T-B1", MemberStatus.FULL,
                LocalDate.of(2000, 7, 1), TestCounty.PASSWORD), "admin");
        people.grant(FORMER, Role.SECRETARY, "K-T-B1", "admin");
        String old = closedReport("归档测试：全年学习记录");
        String open = report("仍在办理");
        long rowsBefore = taskRows(old);
        List<HistoryEntry> historyBefore = cases.history(old, "auditor");
        var diagramBefore = cases.diagram(old, "auditor");
        assertThat(rowsBefore).isEqualTo(2);

        time.moveTo(clock.instant().plus(Duration.ofDays(31)));
        String recent = closedReport("近期办结");
        Retention.Run run = retention.archiveDue();

        assertThat(run.archived()).contains(old).doesNotContain(open, recent);
        assertThat(run.failed()).isEmpty();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(old).count()).isZero();
        assertThat(taskRows(old)).isZero();
        assertThat(taskRows(recent)).isEqualTo(2);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(open).count()).isOne();

        // the archive holds every row it took, intact, and the trail says when and with which dossier
        var archived = archive.find(old, "auditor").orElseThrow();
        assertThat(archived.intact()).isTrue();
        assertThat(archived.rowCounts()).containsEntry("act_hi_taskinst", rowsBefore).containsEntry("act_hi_procinst", 1L);
        assertThat((List<?>) archived.history().get("tasks")).hasSize((int) rowsBefore);
        AuditEvent moved = audit.forCase(old).stream().filter(e -> e.action().equals("HISTORY_ARCHIVED")).findFirst()
                .orElseThrow();
        assertThat(moved.data()).containsEntry("dossierCode", archived.dossierCode())
                .containsEntry("sha256", archived.sha256());
        assertThat(audit.verifyChain(old).valid()).isTrue();
        var stored = documents.find(archived.dossierCode()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(Dossiers.KIND);
        assertThat(documents.verify(archived.dossierCode()).valid()).isTrue();
        assertThat(text(documents.content(archived.dossierCode()))).contains("归档测试：全年学习记录");

        // after the move: history, diagram, a fresh dossier and who may see the case are as before
        assertThat(cases.history(old, "auditor")).startsWith(historyBefore.toArray(HistoryEntry[]::new));
        var diagramAfter = cases.diagram(old, "auditor");
        assertThat(diagramAfter.done()).containsExactlyInAnyOrderElementsOf(diagramBefore.done());
        assertThat(diagramAfter.current()).isEmpty();
        assertThat(text(dossiers.current(old, "auditor").pdf())).contains("归档测试：全年学习记录", "支部书记审核");
        // the secretary who reviewed it leaves office: the case they worked on stays theirs to see, others do not
        people.revoke(FORMER, Role.SECRETARY, "K-T-B1", "admin");
        assertThat(cases.view(old, FORMER).id()).isEqualTo(old);
        assertThatThrownBy(() -> cases.view(open, FORMER)).isInstanceOf(NotFoundException.class);

        // a rebuilt search index still holds the archived case's tasks
        assertThat(reindex.runNow(p -> { }).complete()).isTrue();
        var taskHits = search.search(new Search.Request(null, SearchTypes.Kind.TASK, "report", null, null, null, null,
                null, 0, 200), "auditor").items().stream().filter(h -> old.equals(h.caseId())).toList();
        assertThat(taskHits).hasSize((int) rowsBefore);

        // a second run leaves archived cases alone
        assertThat(retention.archiveDue().archived()).doesNotContain(old);
        assertThat(retention.status().archived()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void historyMovesOnlyWithAStoredDossierIssuedAfterTheCaseClosedAndNeverChangesAfterwards() {
        TestCounty.create(orgs, people);
        String active = report("未办结");
        String early = dossiers.current(active, "auditor").document().code();
        assertThatThrownBy(() -> archive.archive(active, early, "system")).isInstanceOf(ConflictException.class);

        String closed = approveAndFile(active);
        long events = audit.forCase(closed).size();
        assertThatThrownBy(() -> archive.archive(closed, null, "system")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> archive.archive(closed, early, "system")).isInstanceOf(ConflictException.class);
        assertThat(taskRows(closed)).isEqualTo(2);
        assertThat(archive.find(closed, "auditor")).isEmpty();
        assertThat(audit.forCase(closed)).hasSize((int) events);

        String dossier = dossiers.current(closed, "auditor").document().code();
        archive.archive(closed, dossier, "system");
        assertThatThrownBy(() -> archive.archive(closed, dossier, "system")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> jdbc.sql("update case_history_archive set sha256 = repeat('0', 64) where case_id = ?")
                .param(closed).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from case_history_archive where case_id = ?").param(closed).update())
                .hasMessageContaining("append-only");
    }

    private String report(String title) {
        return cases.start(new StartCase("report", title, Map.of("title", title, "content", "本年度学习情况",
                "reportDate", LocalDate.now(clock).minusDays(1).toString())), "member1", ZH).id();
    }

    /** A report reviewed by a second secretary of the branch, with the title as comment, and filed by the township. */
    private String closedReport(String title) {
        String caseId = report(title);
        String review = cases.view(caseId, "admin").current().get(0).taskId();
        tasks.complete(review, Map.of("decision", "APPROVE"), title, FORMER, ZH);
        return file(caseId);
    }

    private String approveAndFile(String caseId) {
        tasks.complete(cases.view(caseId, "admin").current().get(0).taskId(), Map.of("decision", "APPROVE"), null,
                "sec1", ZH);
        return file(caseId);
    }

    private String file(String caseId) {
        String step = cases.view(caseId, "admin").current().get(0).taskId();
        tasks.complete(step, Map.of("archiveNo", "DA-" + Math.abs(caseId.hashCode() % 100000)), null, "reviewer", ZH);
        return caseId;
    }

    private long taskRows(String caseId) {
        return jdbc.sql("select count(*) from act_hi_taskinst where proc_inst_id_ = ?").param(caseId)
                .query(Long.class).single();
    }

    private static String text(byte[] pdf) throws java.io.IOException {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
