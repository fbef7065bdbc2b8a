-- points module, issue 20 items 4-5: the committee's yearly assessment of a branch (先锋指数 = members' average +
-- assessment) and the yearly appraisal (年度评议): each member's 民主评议 grade entered by the secretary after the
-- branch's APPRAISAL meeting. Both append-only (audit_reject_change from V2): a correction is a later row, and the
-- row with the highest id of a (branch, year) / (branch, year, member) counts.
create table points_assessment (
    id          bigint generated always as identity primary key,
    branch_code varchar(64)  not null references org_unit (code),
    year        integer      not null check (year between 2000 and 2200),
    score       integer      not null check (score between 0 and 100),
    comment     varchar(500),
    assessed_by varchar(64)  not null references person (username),
    assessed_at timestamptz  not null
);
create index points_assessment_branch on points_assessment (branch_code, year, id);

create table points_appraisal (
    id          bigint generated always as identity primary key,
    branch_code varchar(64)  not null references org_unit (code),
    year        integer      not null check (year between 2000 and 2200),
    username    varchar(64)  not null references person (username),
    grade       varchar(12)  not null check (grade in ('EXCELLENT', 'QUALIFIED', 'BASIC', 'UNQUALIFIED')),
    recorded_by varchar(64)  not null references person (username),
    recorded_at timestamptz  not null
);
create index points_appraisal_branch on points_appraisal (branch_code, year, username, id);

-- the signed appraisal PDFs issued for a branch's year (issued_document holds the PDF; the latest counts)
create table points_appraisal_document (
    code        varchar(20)  primary key references issued_document (code),
    branch_code varchar(64)  not null references org_unit (code),
    year        integer      not null,
    issued_at   timestamptz  not null
);
create index points_appraisal_document_branch on points_appraisal_document (branch_code, year, issued_at);

create trigger points_assessment_append_only before update or delete on points_assessment
    for each row execute function audit_reject_change();
create trigger points_appraisal_append_only before update or delete on points_appraisal
    for each row execute function audit_reject_change();
create trigger points_appraisal_document_append_only before update or delete on points_appraisal_document
    for each row execute function audit_reject_change();

-- recording grades asks whether the branch archived a 民主评议党员 meeting in the year (AssessmentRows): without
-- these the question reads the whole trail
create index audit_event_meeting_archived on audit_event (at) where action = 'MEETING_ARCHIVED';
create index audit_event_case_started on audit_event (case_id) where action = 'CASE_STARTED';
