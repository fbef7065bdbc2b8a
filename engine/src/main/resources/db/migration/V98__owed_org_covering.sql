-- 谁欠谁 ranks people and counts per child org from every owner and task row of the viewer's subtree, reading only
-- these few columns. With them in the org-path indexes both scans are index-only (no visit to the tables once
-- vacuum has marked the pages visible): in the bench's county (130k owner rows), Owed.of for a township 18 -> 15 ms
-- and for the county root 237 -> 190 ms (best of 30 in process, after VACUUM), the counts alone 3.9 -> 2.2 ms.
create index owed_owner_org_covering on owed_owner (org_path text_pattern_ops) include (username, due_at, created_at);
drop index owed_owner_org;
create index owed_task_org_covering on owed_task (org_path text_pattern_ops) include (due_at);
drop index owed_task_org;
