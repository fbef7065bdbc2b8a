-- 谁欠谁 lists each person's oldest tasks within the viewer's subtree. The index gave the order but not the org, so
-- every candidate row was read from the table to test its org path: a township reviewer's 500 rows for the 10 shown.
-- With the path in the index the scan filters on the index alone and stops after the first few that match.
create index owed_owner_person_org on owed_owner (username, created_at, task_id collate "C") include (org_path);
drop index owed_owner_person;
