package cn.xianfeng.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RecordApplicationEvents
class AuditTrailTest extends AuditTestSupport {

    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEvents events;

    @Test
    void recordsEventsPerCaseInOrderWithTheirData() {
        String caseA = UUID.randomUUID().toString();
        String caseB = UUID.randomUUID().toString();
        Map<String, Object> startData = new LinkedHashMap<>();
        startData.put("subject", "入党申请 张三");
        startData.put("votes", Map.of("yes", 7, "no", 1, "abstain", 0));
        startData.put("ratio", 0.875);
        startData.put("fee", new BigDecimal("12.50"));
        startData.put("applicationDate", LocalDate.of(2024, 3, 1));
        startData.put("contacts", List.of("li", "wang"));
        startData.put("note", "quote \" backslash \\ newline \n tab \t é 🙂");

        AuditEvent a1 = trail.record(new AuditEntry("zhangsan", "B001", AuditAction.CASE_STARTED, caseA, null, "step01",
                startData, null, "10.0.0.7"));
        AuditEvent b1 = trail.record(new AuditEntry("lisi", "B002", AuditAction.CASE_STARTED, caseB, null, null,
                null, "no data", null));
        AuditEvent a2 = trail.record(new AuditEntry("wangwu", "B001", AuditAction.TASK_COMPLETED, caseA, "task-9", "step02",
                Map.of("decision", "APPROVE"), "looks good", "10.0.0.8"));

        List<AuditEvent> historyA = trail.forCase(caseA);
        assertThat(historyA).extracting(AuditEvent::id).containsExactly(a1.id(), a2.id());
        assertThat(historyA).extracting(AuditEvent::seq).containsExactly(1L, 2L);
        assertThat(historyA).extracting(AuditEvent::action).containsExactly("CASE_STARTED", "TASK_COMPLETED");
        assertThat(historyA.get(0)).isEqualTo(a1);
        assertThat(historyA.get(1)).isEqualTo(a2);
        assertThat(historyA.get(0).data()).containsEntry("subject", "入党申请 张三")
                .containsEntry("votes", Map.of("yes", 7, "no", 1, "abstain", 0))
                .containsEntry("applicationDate", "2024-03-01")
                .containsEntry("contacts", List.of("li", "wang"))
                .containsEntry("note", "quote \" backslash \\ newline \n tab \t é 🙂");
        assertThat(historyA.get(1).prevHash()).isEqualTo(a1.hash());
        assertThat(historyA.get(0).prevHash()).matches("0{64}");
        assertThat(historyA.get(0).hash()).matches("[0-9a-f]{64}").isNotEqualTo(a2.hash());
        assertThat(historyA.get(0).sourceAddress()).isEqualTo("10.0.0.7");

        List<AuditEvent> historyB = trail.forCase(caseB);
        assertThat(historyB).containsExactly(b1);
        assertThat(b1.chain()).isEqualTo(caseB);
        assertThat(b1.data()).isNull();
        assertThat(b1.comment()).isEqualTo("no data");

        AuditVerification verification = trail.verify();
        assertThat(verification.firstBroken()).isNull();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.events())
                .isEqualTo(jdbc.queryForObject("select count(*) from audit_event", Long.class))
                .isGreaterThanOrEqualTo(3);

        assertThat(events.stream(AuditEventRecorded.class))
                .contains(new AuditEventRecorded(a1.id(), caseA, caseA, "CASE_STARTED", "zhangsan"),
                        new AuditEventRecorded(b1.id(), caseB, caseB, "CASE_STARTED", "lisi"),
                        new AuditEventRecorded(a2.id(), caseA, caseA, "TASK_COMPLETED", "wangwu"));
    }

    @Test
    void eventsWithoutACaseGoToTheSystemChain() {
        AuditEvent failure = trail.record(new AuditEntry("anonymous", null, AuditAction.LOGIN_FAILED, null, null, null,
                Map.of("username", "ghost"), null, "192.0.2.1"));
        AuditEvent next = trail.record(new AuditEntry("admin", null, AuditAction.ROLE_GRANTED, null, null, null,
                null, null, null));
        assertThat(failure.chain()).isEqualTo("system");
        assertThat(next.chain()).isEqualTo("system");
        assertThat(next.seq()).isEqualTo(failure.seq() + 1);
        assertThat(next.prevHash()).isEqualTo(failure.hash());
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void plainUpdateDeleteAndTruncateAreRejected() {
        String caseId = UUID.randomUUID().toString();
        AuditEvent event = trail.record(new AuditEntry("zhangsan", null, AuditAction.COMMENTED, caseId, null, null,
                null, "original", null));

        assertThatThrownBy(() -> jdbc.update("update audit_event set actor = 'mallory' where id = ?", event.id()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", event.id()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        // cascade: other ledgers (points) reference the trail; even then the trigger refuses
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event cascade"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_chain_head where chain = ?", caseId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update audit_chain_head set seq = 0 where chain = ?", caseId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("may only advance");

        assertThat(trail.forCase(caseId)).containsExactly(event);
    }

    @Test
    void anEventRollsBackWithItsTransaction() {
        String caseId = UUID.randomUUID().toString();
        AuditEvent committed = trail.record(new AuditEntry("zhangsan", null, AuditAction.CASE_STARTED, caseId, null, null,
                null, null, null));
        String newCase = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            trail.record(new AuditEntry("zhangsan", null, AuditAction.TASK_COMPLETED, caseId, "t1", null, null, null, null));
            trail.record(new AuditEntry("zhangsan", null, AuditAction.CASE_STARTED, newCase, null, null, null, null, null));
            assertThat(trail.forCase(caseId)).hasSize(2);
            throw new IllegalStateException("the action failed");
        })).hasMessage("the action failed");

        assertThat(trail.forCase(caseId)).containsExactly(committed);
        assertThat(trail.forCase(newCase)).isEmpty();
        assertThat(jdbc.queryForMap("select seq, hash from audit_chain_head where chain = ?", caseId))
                .containsEntry("seq", 1L).containsEntry("hash", committed.hash());
        assertThat(jdbc.queryForObject("select count(*) from audit_chain_head where chain = ?", Long.class, newCase))
                .isZero();
        AuditEvent next = trail.record(new AuditEntry("zhangsan", null, AuditAction.TASK_COMPLETED, caseId, "t1", null,
                null, null, null));
        assertThat(next.seq()).isEqualTo(2);
        assertThat(next.prevHash()).isEqualTo(committed.hash());
        assertThat(trail.verify().valid()).isTrue();
    }
}
