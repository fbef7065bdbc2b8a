-- workflow: the person a case is about (an applicant, a transferring member) may always see it
alter table case_record add column subject_person varchar(64);
create index case_record_subject on case_record (subject_person);

-- admission module: one row per recruitment case, with the dates its rules make
create table admission_case (
    case_id                 varchar(64) primary key references case_record (id),
    applicant               varchar(64) not null references person (username),
    org_code                varchar(64) not null references org_unit (code),
    open                    boolean     not null default true,
    application_date        date,
    activist_date           date,
    earliest_candidate_date date,
    candidate_date          date,
    vote_date               date,
    probation_end           date,
    extended_months         integer,
    full_date               date
);
-- one open recruitment per applicant; a second start is refused (409), even when two arrive at once
create unique index admission_case_open_applicant on admission_case (applicant) where open;
create index admission_case_org on admission_case (org_code);
