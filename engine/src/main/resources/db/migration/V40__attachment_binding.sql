-- evidence: an upload belongs to the step it was made for, and until it is bound to a case only its uploader may
-- bind it (and it expires, see UnboundUploads).
alter table attachment add column step_id varchar(64);

-- serves the per-uploader limit on unbound uploads and their expiry
create index attachment_unbound on attachment (uploaded_by, uploaded_at) where case_id is null;

-- Files of start and task forms were stored without their case: bind each to the case (and step) whose recorded
-- form data names it first, so that the case page, the audit view and the dossier list it.
update attachment a
   set case_id = r.case_id, step_id = r.step_id
  from (select distinct on (j.node #>> '{}') j.node #>> '{}' as id, e.case_id, e.step_id
          from audit_event e
         cross join lateral jsonb_path_query(e.data, 'strict $.**') as j(node)
         where e.action in ('CASE_STARTED', 'TASK_COMPLETED') and e.case_id is not null
           and jsonb_typeof(j.node) = 'string' and length(j.node #>> '{}') = 36
         order by j.node #>> '{}', e.id) r
 where a.id = r.id and a.case_id is null;
