package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.audit.ReadOrigin;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's rules of issue 14 items 6, 8, 13 and 14: seeing a case is not a role in it; a case's visibility follows
 * the org it was filed in; a form binds only its actor's own uploads; every read goes through the read façade.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class CaseRolesTest {

    @Autowired Cases cases;
    @Autowired TaskOperations operations;
    @Autowired FollowUps followUps;
    @Autowired CaseReads reads;
    @Autowired Attachments attachments;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    private String report(String by, List<String> files) {
        Map<String, Object> data = new java.util.HashMap<>(Map.of("title", "学习情况", "content", "已完成",
                "reportDate", LocalDate.now(clock).minusDays(1).toString()));
        if (!files.isEmpty()) {
            data.put("attachments", files);
        }
        return cases.start(new StartCase("report", "角色测试", data), by, Locale.CHINA).id();
    }

    private Attachment upload(String by, String marker) throws Exception {
        return attachments.store(null, "扫描件.pdf", new ByteArrayInputStream(("%PDF-1.4\n% " + marker + "\n")
                .getBytes(StandardCharsets.US_ASCII)), by, "K-T-B1");
    }

    private long reads(String actor, String caseId) {
        return jdbc.sql("select count(*) from audit_read where actor = ? and case_id = ?").params(actor, caseId)
                .query(Long.class).single();
    }

    @Test
    void readersOfACaseDoNotWriteToItButThoseWithARoleDo() throws Exception {
        String caseId = report("member1", List.of());
        String review = cases.view(caseId, "sec1").current().get(0).taskId();
        assertThat(cases.view(caseId, "auditor").id()).isEqualTo(caseId);

        assertThatThrownBy(() -> cases.attach(caseId, "a.pdf", new ByteArrayInputStream("%PDF-1.4\n".getBytes()), "auditor"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> followUps.copy(caseId, "member2", null, "auditor")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> followUps.remind(review, null, "auditor")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> operations.withdraw(caseId, "x", "auditor")).isInstanceOf(ForbiddenException.class);

        followUps.copy(caseId, "member2", "请阅", "sec1");
        assertThat(cases.view(caseId, "member2").id()).as("a copy lets its recipient read").isEqualTo(caseId);
        assertThatThrownBy(() -> followUps.copy(caseId, "sec2", null, "member2")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> followUps.remind(review, null, "member2")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> cases.view(caseId, "sec2")).isInstanceOf(NotFoundException.class);

        assertThat(cases.attach(caseId, "b.pdf", new ByteArrayInputStream("%PDF-1.4\n".getBytes()), "reviewer").caseId())
                .as("the township reviewer acts on the branch's cases by role").isEqualTo(caseId);

        WorkflowTypes.CaseRights starter = cases.rights(caseId, "member1");
        assertThat(starter.remind()).containsExactly(review);
        assertThat(starter.open()).isEmpty();
        assertThat(starter.attach()).isTrue();
        WorkflowTypes.CaseRights secretary = cases.rights(caseId, "sec1");
        assertThat(secretary.open()).containsExactly(review);
        assertThat(secretary.remind()).isEmpty();
        WorkflowTypes.CaseRights auditor = cases.rights(caseId, "auditor");
        assertThat(auditor.attach() || auditor.copy() || auditor.withdraw()).isFalse();
        assertThat(auditor.remind()).isEmpty();
        assertThat(auditor.open()).isEmpty();
    }

    @Test
    void aCaseStaysWithTheOrgItWasFiledInWhenItsStarterMoves() {
        String mover = "mover" + System.nanoTime() % 100000;
        people.create(new cn.xianfeng.org.NewPerson(mover, "调动", LocalDate.of(1980, 1, 1), "K-T-B1",
                cn.xianfeng.org.MemberStatus.FULL, LocalDate.of(2005, 7, 1), TestCounty.PASSWORD), "admin");
        String caseId = report(mover, List.of());
        people.moveTo(mover, "K-T-B2", null, "admin");
        assertThatThrownBy(() -> cases.view(caseId, "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cases.history(caseId, "sec2")).isInstanceOf(NotFoundException.class);
        assertThat(cases.view(caseId, "sec1").id()).isEqualTo(caseId);
        assertThat(cases.view(caseId, mover).id()).isEqualTo(caseId);
    }

    @Test
    void aFormBindsOnlyItsActorsOwnUploadsToTheCaseAndStep() throws Exception {
        Attachment mine = upload("member1", "mine");
        Attachment theirs = upload("member2", "theirs");
        assertThatThrownBy(() -> report("member1", List.of(theirs.id()))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field()).isEqualTo("data.attachments"));
        assertThat(attachments.find(theirs.id()).orElseThrow().caseId()).isNull();

        String caseId = report("member1", List.of(mine.id()));
        Attachment bound = attachments.find(mine.id()).orElseThrow();
        assertThat(bound.caseId()).isEqualTo(caseId);
        assertThat(bound.stepId()).isNull();
        assertThat(cases.attachments(caseId, "sec1")).extracting(Attachment::id).containsExactly(mine.id());
        assertThat(cases.history(caseId, "sec1")).anyMatch(h -> h.action().equals("ATTACHMENT_ADDED")
                && mine.sha256().equals(h.data().get("sha256")));
        assertThat(cases.attachment(mine.id(), "sec1").id()).isEqualTo(mine.id());
        assertThatThrownBy(() -> cases.attachment(mine.id(), "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cases.attachment(theirs.id(), "member1")).as("someone else's unbound upload")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> report("member2", List.of(mine.id()))).as("already another case's")
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aBindOfOwnAndForeignFilesBindsNoneAndOneOfOwnAndAlreadyBoundRecordsOnlyTheNewOne() throws Exception {
        Attachment first = upload("member1", "first");
        String caseId = report("member1", List.of(first.id()));
        Attachment second = upload("member1", "second");
        Attachment theirs = upload("member2", "theirs");

        assertThatThrownBy(() -> attachments.bind(caseId, "step1", List.of(second.id(), theirs.id()), "member1",
                "K-T-B1", "data.files")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    var v = ((InvalidInputException) e).violations().get(0);
                    assertThat(v.field()).isEqualTo("data.files");
                    assertThat(v.message()).contains(theirs.id()).doesNotContain(second.id());
                });
        assertThat(attachments.find(second.id()).orElseThrow().caseId()).as("the refused bind wrote nothing").isNull();

        attachments.bind(caseId, "step1", List.of(first.id(), second.id()), "member1", "K-T-B1", "data.files");
        assertThat(attachments.find(second.id()).orElseThrow()).extracting(Attachment::caseId, Attachment::stepId)
                .containsExactly(caseId, "step1");
        assertThat(attachments.find(first.id()).orElseThrow().stepId()).as("already the case's: left as it was").isNull();
        assertThat(cases.history(caseId, "sec1")).filteredOn(h -> h.action().equals("ATTACHMENT_ADDED"))
                .extracting(h -> h.data().get("attachment")).containsExactlyInAnyOrder(first.id(), second.id());
    }

    @Test
    void everyReadOfAnAuditorIsLoggedOncePerRequestAndAtOnceWithoutOne() {
        String caseId = report("member1", List.of());
        long before = reads("auditor", caseId);
        cases.view(caseId, "auditor");
        assertThat(reads("auditor", caseId)).as("no request bound: written at once").isEqualTo(before + 1);

        ReadOrigin origin = ReadOrigin.open("10.0.0.9", "GET /api/cases/" + caseId);
        try {
            cases.view(caseId, "auditor");
            cases.history(caseId, "auditor");
            cases.diagram(caseId, "auditor");
            reads.describe("auditor", ReadKind.DOSSIER_DOWNLOADED, caseId, "CODE123");
            assertThat(reads("auditor", caseId)).as("held until the response leaves").isEqualTo(before + 1);
            reads.flush(origin);
        } finally {
            origin.close();
        }
        List<Map<String, Object>> rows = jdbc.sql("select kind, detail, source_address from audit_read where actor = "
                + "'auditor' and case_id = ? order by id").param(caseId).query().listOfRows();
        assertThat(rows).hasSize((int) before + 2);
        assertThat(rows.get(rows.size() - 1)).containsEntry("kind", "DOSSIER_DOWNLOADED").containsEntry("detail", "CODE123")
                .containsEntry("source_address", "10.0.0.9");

        long secretary = reads("sec1", caseId);
        cases.view(caseId, "sec1");
        assertThat(reads("sec1", caseId)).as("not an auditor: not logged").isEqualTo(secretary);
    }
}
