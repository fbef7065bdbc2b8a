-- 谁欠谁 (Owed) joins a task's candidate groups ("ROLE@ORG") to the holders of the role through
-- role || '@' || org_code. Without an index on that expression PostgreSQL scans role_assignment once per
-- candidate link: at county scale (10,000 role assignments, 2,600 open tasks in a township) a township's view
-- took 8.1 s; with it, 0.09 s (EXPLAIN ANALYZE in bench/results/latest.md).
create index role_assignment_group on role_assignment ((role || '@' || org_code));
