-- search module: indexing by cursor over the audit trail instead of one publication per event (issue 17, 14).

-- The committing transaction's id on every audit event. An identity value is taken before commit, so a cursor on
-- id alone would pass an event whose transaction commits late; events whose xid is below the snapshot's xmin belong
-- to transactions that have all ended, so a cursor over (xid, id) below xmin never skips one. Existing events get
-- this migration's xid, below every later one.
alter table audit_event add column xid xid8 not null default pg_current_xact_id();
create index audit_event_xid on audit_event (xid, id);

-- The indexer's position: the last (xid, event id) indexed, and the node holding the lease to run it; the row
-- 'rebuild' is only a lease (one rebuild at a time across nodes).
create table search_cursor (
    name        text primary key,
    xid         xid8   not null,
    event_id    bigint not null,
    lease_owner text,
    lease_until timestamptz
);
insert into search_cursor (name, xid, event_id) values ('index', '0', 0), ('rebuild', '0', 0);

-- Events whose documents the index refused: retried after a growing delay, dead letters after the last attempt.
create table search_failure (
    event_id        bigint primary key,
    attempts        int         not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    next_attempt_at timestamptz,
    dead_at         timestamptz,
    reason          text        not null
);
create index search_failure_due on search_failure (next_attempt_at) where dead_at is null;

-- No length limits in the index that the sources lack (a 65-character user name once failed every retry).
alter table search_document
    alter column id type text,
    alter column case_id type text,
    alter column process type text,
    alter column org_code type text,
    alter column actor type text,
    alter column action type text,
    alter column step_id type text,
    alter column status type text;

-- The per-event publications of the former listener: the cursor (from the start) covers what they would have done.
delete from event_publication where listener_id like 'cn.xianfeng.search.internal.AuditIndexer%';
-- Completed publications are deleted from now on (spring.modulith.events.completion-mode=delete); so are the old.
delete from event_publication where completion_date is not null;
