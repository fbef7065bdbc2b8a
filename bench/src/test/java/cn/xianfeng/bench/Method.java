package cn.xianfeng.bench;

/** How each figure was taken, written under the table. */
final class Method {

    private Method() {
    }

    static void describe(Report report) {
        report.note("How the figures are taken", """
                - **Machine and database**: all parts on one machine (cores in the header). PostgreSQL is the bench's \
                own embedded server started with `fsync=on`, `synchronous_commit=on`, `full_page_writes=on` (production \
                durability; the tests' embedded server runs with `fsync` and `synchronous_commit` off) and \
                `pg_stat_statements` loaded; the header shows the settings read back from `pg_settings`. With \
                `XIANFENG_TEST_POSTGRES_URL` the named server is used: `synchronous_commit` is set on for the database \
                and `fsync` by ALTER SYSTEM + reload where allowed, and the header shows what was in force. Sections run \
                one after another; Elasticsearch is started only after section 1; before every timed part the \
                after-commit work is drained (every event publication completed, the search indexer's cursor past the \
                last audit event, no failed event waiting), so no part times the previous one's backlog.
                - **Counting statements and commits in the bench JVM**: datasource-proxy wraps every DataSource bean of \
                the engine context and counts every statement on every thread (calling thread, after-commit listeners, \
                the search indexer, the scheduler); a JDBC batch counts each statement. A commit is a \
                `Connection.commit()` or a statement run in auto-commit mode (its own transaction, as PostgreSQL's \
                `xact_commit` counts it). The bench's own polling runs on side connections outside the proxy. Flowable's \
                async executor is off in this context (the engine path moves the clock and fires due timers itself; \
                no BPMN element is asynchronous, so no step leaves work for it).
                - **1 engine path**: admission cases walked through all 25 steps by the people who owe each step, with \
                valid form data and the clock moved over the year as activist and the year of probation. Each engine \
                step is `Tasks.complete` (authorization, form validation, step rules, audit event, event publication); \
                its raw twin is `TaskService.complete` on a case of the same BPMN in the same database with exactly the \
                variables the engine set at that step. Both run on the one engine configuration, so what the engine \
                does for every step whoever calls it (the 谁欠谁 read model kept in the task's transaction, the cache \
                generations read) is on the raw side too: a Flowable without it would be faster than \
                this raw side. Engine and raw cases alternate step by step (which side goes \
                first alternates too); the first cases of each side (header) warm the JIT up and are not counted. \
                steps/s = timed steps ÷ the summed wall time of the completion calls alone (single thread). Per step, \
                statements and commits on all threads are counted from the call's start until its after-commit work is \
                drained (the indexer's statements and commits are the step's); the calling thread's count is shown \
                beside it. CPU per step is the whole bench JVM's process CPU time over the same window (JIT and GC \
                threads included). The header compares the proxy's totals over the section with PostgreSQL's own \
                (pg_stat_statements calls, pg_stat_database xact_commit). The section's notes break the per-step counts \
                down by the kind of thread that ran them (named by thread name: `main` is the calling thread), name the \
                statements of the work done off the calling thread and compare the calling thread's statements with \
                raw Flowable's, statement by statement.
                - **2 who owes what (in process)**: the data set is written with set-based SQL into the real tables \
                (org_unit, person, role_assignment, case_record, act_ru_task, act_ru_identitylink, act_hi_taskinst, \
                act_hi_procinst) and the 谁欠谁 read model is built from it by the reconciliation, then vacuumed and \
                analyzed (as autovacuum would soon after: its index-only scans need the visibility map). Timings are of the \
                service methods: `TaskLists.list(todo)` (page of 20) for random branch secretaries, `Owed.of` for random \
                township reviewers and for the county's organization department, `Admissions.mine` for an applicant \
                whose case stands at step 12. Informational: the issue's 谁欠谁 targets are over HTTP (section 3).
                - **3 HTTP**: the portal jar as its own process, configured as in production: `-Xmx512m`, not the demo, \
                search on the same Elasticsearch (`xianfeng.elasticsearch.uris`), on the same PostgreSQL as a database \
                role of its own (`bench_portal`) so that PostgreSQL counts its statements apart; the engine context's \
                indexer is stopped so the portal's holds the indexing lease. The portal starts with JFR set up (a recording of \
                no events): the first `JFR.start` in a running JVM, for a window's profile, marks all its compiled code \
                not entrant. Clients (`java.net.http`, in the bench JVM) \
                sign in once through the login form and then use the session cookie with the CSRF header, as the pages \
                do. An untimed warm-up of the mixed workload comes first (20 s), then more of it in slices of 10 s until \
                the portal's JIT compilers were busy at most 5 % of a core over a slice (their threads' CPU in \
                /proc/<pid>/task; at most 18 slices, and the last slice's share is reported). *Completion-only*: 8 clients, each a branch \
                secretary, complete report reviews filed for them beforehand through the engine (untimed, enough for \
                1.3 × the raw rate), one request after another: only `POST /api/tasks/{id}/complete`. completions/s = \
                completions ÷ the workload's wall time, held against raw Flowable's single-thread steps/s of section 1 \
                of the same run. *Mixed*: 32 clients each list their 待办 (`GET /api/tasks?scope=todo&size=20`), \
                complete a report review found there or else file a report for the next client (`POST /api/cases`). \
                *谁欠谁*: `GET /api/owed?org=` one request at a time, township reviewers in turn (their townships) and \
                the county's organization department (the root), after untimed rounds (10 township and 2 root requests) until \
                the JIT compilers' threads were busy at most 5 % of two rounds in a row, in the portal and in the \
                client (5 to 80 rounds; the windows' JFR recordings are started and stopped once during it, so that \
                their own code is compiled before timing); the response size is \
                the uncompressed JSON body as received. Latencies are client-side wall times of 2xx responses; an error \
                is any non-2xx or I/O failure. Statements and commits per request are PostgreSQL's counts for the \
                portal's role over the workload (pg_stat_statements calls without utility statements; COMMIT calls), \
                which include every portal thread (request threads, listeners, the indexer, schedulers) ÷ requests. \
                Portal CPU per request is its process CPU time (/proc/<pid>/stat) ÷ requests, also split by thread kind \
                from /proc/<pid>/task (JFR's execution samples see only threads running Java code: not the JIT \
                compilers, not the collector); the load generator's CPU \
                is the bench JVM's process CPU time over the workload, in % of one core (it also hosts the idle engine \
                context).
                - **4 documents**: dossier = `Dossiers.issue` of the first walked case (25 steps, 10 scanned A4 PNG \
                attachments), signed PDF/A: median and slowest wall time of the timed runs after one untimed, the \
                issuing thread's CPU time, and statements and commits on all threads from the call until its after-commit \
                work is drained. Search: documents bulk-indexed through the project's `ElasticsearchIndex` (5,000 per \
                request, two at a time), then `Search.search` as a township reviewer and as the county.
                - **5 memory**: the portal process under the HTTP load: the heap's peak is the largest occupancy before a \
                collection in its GC log (`-Xlog:gc`), the committed heap the largest in that log, the heap used after \
                the load from `jcmd GC.heap_info`; RSS peak is `VmHWM` and RSS after the load `VmRSS` of \
                /proc/<pid>/status.
                - **6 indexing**: audit events appended by 4 writers in transactions of 3 events on real cases at \
                1,575 events/s (5 % above the target; open loop: each transaction is due at its slot) for the stated seconds while the \
                indexer runs, on PostgreSQL search and then on Elasticsearch; events/s = events committed ÷ the \
                writers' wall time; the lag of each transaction is from its commit to the moment a probe (every 20 ms) \
                finds its last event in the index (a probe asks for the 50 oldest pending, and the next 50 while a \
                chunk finds any). Before each timed window the same load runs untimed for a sixth of it, then in slices \
                of 5 s until the JIT compilers of the bench JVM and of Elasticsearch were busy at most 5 % of a slice \
                (at most 24 slices); Elasticsearch's work and its CPU by thread kind over the writers' window are \
                reported. The server's statements over the writers' window are listed per event. Rebuild = the production rebuild (read, derive, bulk, swap) into a \
                new Elasticsearch index, docs/s over its wall time; raw = the same documents, prebuilt as bulk bodies \
                by the rebuild's own code (untimed), posted two at a time into an index with the same mapping and \
                settings, then refreshed; each side once untimed before (the first rebuild after the appends took \
                2.4 × as long as the next: Elasticsearch and the bench JVM cold for its documents), and no merge \
                running when a timed part starts. Verification = `AuditTrail.verify()` over the whole store after the backlog is \
                drained: one warm-up run, then the median of three.
                """);
    }
}
