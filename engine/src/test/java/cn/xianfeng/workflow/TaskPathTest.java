package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task path on a real engine and a real PostgreSQL: start, list, claim, complete, refuse. */
@SpringBootTest(properties = "xianfeng.attachments.max-size=1KB")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TaskPathTest {

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskLists lists;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired Attachments attachments;
    @Autowired AuditTrail audit;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    private CaseSummary report(String by) {
        return cases.start(new StartCase("report", "测试报告", Map.of("title", "学习情况", "content", "已完成学习",
                "reportDate", LocalDate.now().minusDays(1).toString())), by, Locale.SIMPLIFIED_CHINESE);
    }

    private TaskItem reviewOf(String caseId) {
        return lists.list(new TaskFilter("todo", "report", null, null), "sec1", 0, 200).items().stream()
                .filter(t -> t.caseId().equals(caseId)).findFirst().orElseThrow();
    }

    @Test
    void theBranchSecretarySeesTheReviewAndCompletingItMovesTheCaseToTheCommittee() {
        CaseSummary started = report("member1");
        TaskItem review = reviewOf(started.id());
        assertThat(review.stepId()).isEqualTo("review");
        assertThat(review.candidates()).containsExactly("SECRETARY@K-T-B1");
        assertThat(lists.list(new TaskFilter("todo", null, null, null), "sec2", 0, 200).items())
                .noneMatch(t -> t.caseId().equals(started.id()));

        Completion done = tasks.complete(review.id(), Map.of("decision", "APPROVE"), "同意归档", "sec1",
                Locale.SIMPLIFIED_CHINESE);

        assertThat(done.next()).extracting(WorkflowTypes.NextStep::stepId).containsExactly("archive");
        assertThat(lists.list(new TaskFilter("done", null, null, null), "sec1", 0, 200).items())
                .anyMatch(t -> t.id().equals(review.id()));
        assertThat(cases.history(started.id(), "member1")).extracting(WorkflowTypes.HistoryEntry::action)
                .containsExactly("CASE_STARTED", "TASK_COMPLETED");
        assertThat(cases.history(started.id(), "member1").get(1).comment()).isEqualTo("同意归档");
    }

    @Test
    void aPersonWithoutTheRoleIsRefusedWith403AndNothingChanges() {
        TaskItem review = reviewOf(report("member1").id());

        assertThatThrownBy(() -> tasks.complete(review.id(), Map.of("decision", "APPROVE"), null, "sec2", Locale.CHINA))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.claim(review.id(), "member2")).isInstanceOf(ForbiddenException.class);
        assertThat(reviewOf(review.caseId()).assignee()).isNull();
    }

    @Test
    void completingACompletedTaskIs409() {
        TaskItem review = reviewOf(report("member1").id());
        tasks.complete(review.id(), Map.of("decision", "REJECT", "reason", "材料不全"), null, "sec1", Locale.CHINA);

        assertThatThrownBy(() -> tasks.complete(review.id(), Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA))
                .isInstanceOf(ConflictException.class);
        assertThat(cases.view(review.caseId(), "member1").status()).isEqualTo(CaseStatus.REJECTED);
    }

    @Test
    void aTaskClaimedByAnotherIs409ForTheOtherCandidate() {
        people.grant("member2", cn.xianfeng.org.Role.SECRETARY, "K-T-B1", "admin");
        try {
            TaskItem review = reviewOf(report("member1").id());
            tasks.claim(review.id(), "sec1");
            assertThatThrownBy(() -> tasks.complete(review.id(), Map.of("decision", "APPROVE"), null, "member2", Locale.CHINA))
                    .isInstanceOf(ConflictException.class);
        } finally {
            people.revoke("member2", cn.xianfeng.org.Role.SECRETARY, "K-T-B1", "admin");
        }
    }

    @Test
    void badFormDataIsRefusedWithEveryFieldListedAndChangesNothing() {
        TaskItem review = reviewOf(report("member1").id());
        int events = audit.forCase(review.caseId()).size();

        assertThatThrownBy(() -> tasks.complete(review.id(), Map.of("decision", "REJECT", "bogus", "x"), null, "sec1",
                Locale.SIMPLIFIED_CHINESE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactlyInAnyOrder("data.reason", "data.bogus"));

        assertThat(reviewOf(review.caseId()).id()).isEqualTo(review.id());
        assertThat(reviewOf(review.caseId()).assignee()).isNull();
        assertThat(audit.forCase(review.caseId())).hasSize(events);
    }

    @Test
    void strangersCannotSeeACase() {
        CaseSummary started = report("member1");
        assertThatThrownBy(() -> cases.view(started.id(), "sec2")).isInstanceOf(NotFoundException.class);
        assertThat(cases.view(started.id(), "auditor").id()).isEqualTo(started.id());
        assertThat(cases.view(started.id(), "sec1").id()).isEqualTo(started.id());
    }

    @Test
    void aBadUploadIsRefusedAndNothingIsStored() throws Exception {
        CaseSummary started = report("member1");
        long blobs = count("attachment_blob");
        long rows = count("attachment");
        long events = count("audit_event");

        assertThatThrownBy(() -> cases.attach(started.id(), "evil.png",
                new ByteArrayInputStream("<script>alert(1)</script>".getBytes()), "member1"))
                .isInstanceOf(UnsupportedTypeException.class);
        assertThatThrownBy(() -> cases.attach(started.id(), "big.pdf",
                new ByteArrayInputStream(("%PDF-1.7\n" + "x".repeat(2000)).getBytes()), "member1"))
                .isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> cases.attach(started.id(), "scan.pdf",
                new ByteArrayInputStream("%PDF-1.7\n".getBytes()), "sec2"))
                .isInstanceOf(NotFoundException.class);

        assertThat(List.of(count("attachment_blob"), count("attachment"), count("audit_event")))
                .containsExactly(blobs, rows, events);

        var stored = cases.attach(started.id(), "../../etc/scan.pdf", new ByteArrayInputStream("%PDF-1.7\n".getBytes()),
                "member1");
        assertThat(stored.name()).isEqualTo("scan.pdf");
        assertThat(stored.sha256()).hasSize(64);
        assertThat(attachments.ofCase(started.id())).extracting(cn.xianfeng.evidence.Attachment::id).contains(stored.id());
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
