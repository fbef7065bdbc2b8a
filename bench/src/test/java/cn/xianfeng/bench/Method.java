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
    }
}
