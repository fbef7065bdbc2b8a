-- search module: cases and tasks are indexed beside audit events (the PostgreSQL fallback's columns for them)
alter table search_document
    add column kind       varchar(10) not null default 'AUDIT' check (kind in ('CASE', 'TASK', 'AUDIT')),
    add column name       text,
    add column status     varchar(20),
    add column candidates text,
    add column due        timestamptz,
    add column ended_at   timestamptz,
    -- the case's number of audit events when the document was derived: an older derivation never wins
    add column version    bigint not null default 0;
alter table search_document alter column case_subject type text;
create index search_document_kind on search_document (kind, at);
