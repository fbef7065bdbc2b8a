-- evidence module: issued documents become append-only like the audit trail (audit_reject_change from V2).
-- Voiding a document no longer updates its row: it appends a document_void row, one per document at most.
create table document_void (
    code        varchar(20)  primary key references issued_document (code),
    at          timestamptz  not null,
    reason      varchar(500) not null,
    replaced_by varchar(20)  references issued_document (code),
    voided_by   varchar(64)  not null
);

insert into document_void (code, at, reason, replaced_by, voided_by)
select d.code, d.void_at, coalesce(d.void_reason, ''), d.replaced_by,
       coalesce((select a.actor from audit_event a where a.action = 'DOCUMENT_VOIDED' and a.data ->> 'code' = d.code
                 order by a.id limit 1), 'system')
from issued_document d where d.void_at is not null;

alter table issued_document drop column void_at, drop column void_reason, drop column replaced_by;

create trigger issued_document_append_only before update or delete on issued_document
    for each row execute function audit_reject_change();
create trigger issued_document_no_truncate before truncate on issued_document
    for each statement execute function audit_reject_change();
create trigger document_void_append_only before update or delete on document_void
    for each row execute function audit_reject_change();
create trigger document_void_no_truncate before truncate on document_void
    for each statement execute function audit_reject_change();

-- verification finds the events that recorded a document's issue and voiding by its code
create index audit_event_document_code on audit_event ((data ->> 'code'))
    where action in ('DOCUMENT_ISSUED', 'DOCUMENT_VOIDED');

