-- What auditors (and administrators in the auditor's workspace) read: every search, case view, download and
-- verification. Append-only like the audit trail (audit_reject_change from V2), so a reader cannot erase a read.

create table audit_read (
    id             bigint generated always as identity primary key,
    at             timestamptz not null,
    actor          text not null,
    kind           text not null,
    case_id        text,
    detail         text,
    source_address text
);

-- serves "my reads" (actor, newest first) and the administrator's list over a period
create index audit_read_actor_at on audit_read (actor, at desc);
create index audit_read_at on audit_read (at desc);

create trigger audit_read_append_only before update or delete on audit_read
    for each row execute function audit_reject_change();
create trigger audit_read_no_truncate before truncate on audit_read
    for each statement execute function audit_reject_change();
