-- workflow module: a closed case's engine history, moved out of Flowable's ACT_HI_* tables after the retention
-- period, once its dossier is stored. The archive is then the only copy of that history: it never changes.
create table case_history_archive (
    case_id      varchar(64) primary key references case_record (id),
    archived_at  timestamptz not null,
    archived_by  varchar(64) not null,
    dossier_code varchar(20) not null references issued_document (code),
    sha256       char(64)    not null,
    row_counts   jsonb       not null,
    history      jsonb       not null,
    -- who worked on the case: they keep seeing it (CaseAccess) after Flowable's task history is gone
    assignees    text[]      not null
);
create index case_history_archive_assignees on case_history_archive using gin (assignees);

create trigger case_history_archive_append_only before update or delete on case_history_archive
    for each row execute function audit_reject_change();
create trigger case_history_archive_no_truncate before truncate on case_history_archive
    for each statement execute function audit_reject_change();
