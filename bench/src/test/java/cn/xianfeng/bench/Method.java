package cn.xianfeng.bench;

/** How each figure was taken, written under the table. */
final class Method {

    private Method() {
    }

    static void describe(Report report) {
        report.note("How the figures are taken", """
                - **1 engine path**: admission cases walked through all 25 steps by the people who owe each step, with \
                valid form data and the clock moved over the year as activist and the year of probation. Each engine \
                step is `Tasks.complete` (authorization, server-side form validation, step rules, audit event, domain \
                event in the publication registry, one transaction); its raw twin is `TaskService.complete` on a case \
                of the same BPMN in the same database with exactly the variables the engine set at that step. Engine \
                and raw steps alternate within one run; only completions are timed. SQL statements are counted on the \
                calling thread by datasource-proxy around the DataSource (a JDBC batch counts each statement); the \
                after-commit listeners (search indexing) run on other threads and are not counted. The engine context \
                searches on PostgreSQL (the embedded default), so indexing is a table insert.
                - **2 who owes what**: the data set is written with set-based SQL into the real tables (org_unit, \
                person, role_assignment, case_record, act_ru_task, act_ru_identitylink, act_hi_taskinst, \
                act_hi_procinst); no process executions or variables are generated for it, which none of these views \
                reads. Timings are of the real service methods: `TaskLists.list(todo)` (page of 20) for random branch \
                secretaries, `Owed.of` for random township reviewers and for the county's organization department, \
                `Admissions.mine` for an applicant whose case (walked through the engine) stands at step 12.
                - **3 HTTP**: the portal jar as its own process with `-Xmx512m`, on the same PostgreSQL. Each client \
                signs in once through the login form and then uses the session cookie with the CSRF header, as the \
                pages do (HTTP Basic would spend a BCrypt check, ~100 ms of CPU, on every request). Each loop lists \
                the client's 待办 and completes a report review found there (`POST /api/tasks/{id}/complete`), or \
                files a report for the next client when there is none (`POST /api/cases`).
                - **4 documents**: dossier = `Dossiers.issue` of the first walked case (25 steps, 10 scanned A4 PNG \
                attachments), signed PDF/A. Audit verification = `AuditTrail.verify()` over the whole store (every \
                chain, the heads, the anchor) after appending events through `AuditTrail.record`. Search: documents \
                bulk-indexed through the project's `ElasticsearchIndex` (5,000 per request, two at a time) into the \
                real Elasticsearch, then `Search.search` as a township reviewer (limited to the township) and as the \
                county's organization department.
                - **5 memory**: the portal process after the load: heap from `jcmd GC.heap_info`, RSS from \
                /proc/<pid>/status.
                """);
        report.note("Indexes and queries changed for these figures", """
                - **V17 `role_assignment_group`** on `role || '@' || org_code`: 谁欠谁 joins each candidate group \
                ("ROLE@ORG") to the role's holders through that expression; without the index PostgreSQL scanned \
                role_assignment (10,000 rows) once per candidate link. A township's view went from 8.1 s to 0.09 s \
                on this data set (EXPLAIN ANALYZE, loaded machine).
                - **待办** (`TaskLists.todo`, new `OwnTasks`): Flowable's todo query is one `assignee = ? or exists \
                (candidate link ...)` ordered by create time; PostgreSQL answers it by walking all 100,000 open tasks \
                backwards through the create-time index (~125 ms per page on a loaded machine, plus the same for \
                the count). The ids of the viewer's tasks are now found first through the assignee and identity-link \
                indexes (a union, at most 1,000; beyond that the plain query runs) and the same Flowable query is \
                narrowed to them, so it keeps its meaning.
                - **Pool deadlock fixed** (`People`): the person's roles were read by a second query inside the \
                row mapper, on a second pooled connection while the first was held; outside a transaction, ten \
                concurrent requests each held one connection and waited for another until Hikari timed out (30 s). \
                Found by this bench's HTTP load (all 32 clients timed out); roles are now read after the row.
                - **Still missing: 谁欠谁 at the county root.** `Owed` returns every owed task with every person \
                who may take it (≈130,000 rows for 100,000 open tasks) and aggregates in Java; no index makes that \
                fit 150 ms. What would: aggregate in SQL (open/overdue counts per child org and per person, grouped \
                on the org path prefix) and fetch a person's task list only when it is opened, which keeps the \
                root view to a few thousand rows.
                """);
    }
}
