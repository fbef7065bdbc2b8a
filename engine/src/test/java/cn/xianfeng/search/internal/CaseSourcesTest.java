package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.CaseSources.CaseSource;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexer's one statement for a batch of cases' sources (and its batch read, the events after the cursor with
 * those sources) gives the very rows the rebuild's three queries give
 * (case row, audit trail with its form values, tasks of Flowable's history and of the retention archive with their
 * candidates and times), so incremental indexing and a rebuild derive the same documents.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class CaseSourcesTest {

    @Autowired Sources sources;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void oneStatementGivesWhatTheThreeQueriesGive() {
        String live = newCase();
        jdbc.sql("""
                insert into act_hi_taskinst (id_, rev_, proc_inst_id_, task_def_key_, name_, assignee_, start_time_,
                                             due_date_, end_time_, delete_reason_, tenant_id_)
                values (? || '-t1', 1, ?, 'branchReview', '支部审核', null, timestamp '2026-03-01 08:00:00.123456',
                        timestamp '2026-03-05 18:00:00', null, null, ''),
                       (? || '-t2', 1, ?, 'committeeReview', '党委审核', 'sec1', timestamp '2026-03-02 09:30:00',
                        null, timestamp '2026-03-03 10:00:00', 'cancelled', '')""")
                .params(live, live, live, live).update();
        jdbc.sql("""
                insert into act_hi_identitylink (id_, type_, user_id_, group_id_, task_id_)
                values (? || '-l1', 'candidate', null, 'branch-secretaries', ? || '-t1'),
                       (? || '-l2', 'candidate', 'amy', null, ? || '-t1'),
                       (? || '-l3', 'participant', 'zed', null, ? || '-t1')""")
                .params(live, live, live, live, live, live).update();
        record(live, "第一条意见", Map.of("理由", "材料齐全", "count", 3, "nested", Map.of("a", List.of("甲", "乙"))));
        record(live, "第二条意见", Map.of());

        String archived = newCase();
        String code = "T" + Long.toString(System.nanoTime() % 1_000_000_000_000L, 36).toUpperCase();
        jdbc.sql("""
                insert into issued_document (code, kind, case_id, title, issuer, issued_by, issued_at, sha256, content)
                values (?, 'DOSSIER', ?, '档案', '测试党委', 'sec1', now(), repeat('0', 64), '\\x00')""")
                .params(code, archived).update();
        jdbc.sql("""
                insert into case_history_archive (case_id, archived_at, archived_by, dossier_code, sha256, row_counts,
                                                  history, assignees)
                values (?, now(), 'admin', ?, repeat('0', 64), '{}', cast(? as jsonb), array['sec1'])""")
                .params(archived, code, """
                        {"tasks": [{"id": "%s-a1", "stepId": "branchReview", "name": "支部审核", "assignee": "sec1",
                                    "createTime": "2025-01-02T03:04:05.678Z", "dueDate": null,
                                    "endTime": "2025-01-03T00:00:00Z", "deleteReason": null,
                                    "identityLinks": [{"type": "candidate", "userId": "bob"},
                                                      {"type": "candidate", "groupId": "branch-secretaries"},
                                                      {"type": "assignee", "userId": "sec1"}]}]}"""
                        .formatted(archived)).update();
        record(archived, "归档前意见", Map.of("结论", "通过"));

        List<String> ids = List.of(live, archived);
        Map<String, CaseSource> one = sources.casesWithSources(ids);

        Map<String, CaseRow> rows = sources.casesAfter("", 100_000).stream().filter(c -> ids.contains(c.id()))
                .collect(Collectors.toMap(CaseRow::id, c -> c, (a, b) -> a, LinkedHashMap::new));
        Map<String, List<AuditRow>> trails = sources.auditOfCases(ids).stream()
                .collect(Collectors.groupingBy(AuditRow::caseId));
        Map<String, List<TaskRow>> tasks = sources.tasksOfCases(ids).stream()
                .collect(Collectors.groupingBy(TaskRow::caseId));

        assertThat(one.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            CaseSource s = one.get(id);
            assertThat(s.row()).isEqualTo(rows.get(id));
            assertThat(s.texts()).isEqualTo(trails.get(id).stream().map(Documents::text).toList());
            assertThat(s.version()).isEqualTo(trails.get(id).stream().mapToLong(AuditRow::seq).max().orElseThrow());
            assertThat(byId(s.tasks())).isEqualTo(byId(tasks.get(id)));
            assertThat(byId(s.documents()))
                    .isEqualTo(byId(Documents.ofCase(rows.get(id), trails.get(id), tasks.get(id))));
        }
        // what the comparison covers is really there
        TaskRow t1 = one.get(live).tasks().stream().filter(t -> t.id().equals(live + "-t1")).findFirst().orElseThrow();
        assertThat(t1.candidates()).containsExactly("amy", "branch-secretaries");
        assertThat(t1.due()).isNotNull();
        assertThat(one.get(archived).tasks()).singleElement().satisfies(t -> {
            assertThat(t.candidates()).containsExactly("bob", "branch-secretaries");
            assertThat(t.createdAt()).hasToString("2025-01-02T03:04:05.678Z");
        });
        assertThat(one.get(live).texts()).hasSize(2).first().asString()
                .contains("第一条意见", "材料齐全", "3", "甲 乙");

        // the indexer's batch read: the same events as the cursor's read, and on them the same sources, in one statement
        AuditRow firstEvent = trails.get(live).get(0);
        IndexingCursor.Position before = new IndexingCursor.Position(firstEvent.xid(), firstEvent.id() - 1);
        CaseSources.Batch batch = sources.auditAfterWithCases(before, 3);
        assertThat(batch.events()).isEqualTo(sources.auditAfter(before, 3))
                .extracting(AuditRow::caseId).containsExactly(live, live, archived);
        assertThat(batch.cases()).containsOnlyKeys(live, archived);
        for (String id : ids) {
            assertThat(batch.cases().get(id).row()).isEqualTo(one.get(id).row());
            assertThat(batch.cases().get(id).texts()).isEqualTo(one.get(id).texts());
            assertThat(batch.cases().get(id).version()).isEqualTo(one.get(id).version());
            assertThat(byId(batch.cases().get(id).tasks())).isEqualTo(byId(one.get(id).tasks()));
        }
    }

    /**
     * The indexer's batch read runs for every commit, a batch of one or two events: it is planned once per connection,
     * not once per cursor position (PostgreSQL's custom plans, which a visible position made look cheaper forever).
     */
    @Test
    void theBatchReadSettlesOnOnePlanWhereverTheCursorStands() {
        // a trail long enough, and its statistics known, for a plan made for a position at its end to look cheaper
        // than one for any position (the steady state: the cursor a commit or two behind)
        String older = newCase();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            for (int i = 0; i < 400; i++) {
                record(older, "意见" + i, Map.of());
            }
        });
        jdbc.sql("analyze audit_event").update();
        String live = newCase();
        record(live, "第一条意见", Map.of());
        record(live, "第二条意见", Map.of());
        AuditRow first = sources.auditOfCases(List.of(live)).get(0);
        long[] plans = new TransactionTemplate(transactions).execute(s -> {
            // one connection throughout; the driver prepares the statement on the server from its fifth use. What
            // the reads return does not matter here (a transaction another test's context holds open may still hide
            // these events from the cursor), only how PostgreSQL plans them.
            for (int i = 0; i < 20; i++) {
                sources.auditAfterWithCases(new IndexingCursor.Position(first.xid(), first.id() - 1 + i % 2), 50);
            }
            // the connection may also hold the indexer's own read (a batch of another size: another statement)
            return jdbc.sql("select generic_plans, custom_plans from pg_prepared_statements where statement like ?")
                    .param("with ev as %limit 50),%").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
        });
        assertThat(plans[0]).as("executions of the generic plan").isPositive();
        assertThat(plans[1]).as("custom plans: only PostgreSQL's first five").isLessThanOrEqualTo(5);
    }

    private static <T> List<T> byId(List<T> items) {
        return items.stream().sorted(Comparator.comparing(i -> i instanceof TaskRow t ? t.id()
                : ((SearchDocument) i).id())).toList();
    }

    private String newCase() {
        String id = "sources-" + UUID.randomUUID();
        jdbc.sql("""
                insert into org_unit (code, name, type, parent_code, path)
                values ('PX', '索引测试党委', 'COMMITTEE', null, '/PX/') on conflict do nothing""").update();
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at)
                values (?, 'report', '索引来源测试', 'PX', '/PX/', 'sec1', 'ACTIVE', now())""").param(id).update();
        return id;
    }

    private void record(String chain, String comment, Map<String, Object> data) {
        trail.record(new AuditEntry("sec1", "PX", AuditAction.COMMENTED, chain, null, null, data, comment, null));
    }
}
