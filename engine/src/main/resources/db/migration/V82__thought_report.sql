-- admission module: 思想汇报 (thought reports) of applicants, activists and candidates (issue 20 item 3).
-- One row per submitted report (a case of process thought-report), named with the recruitment case it belongs to
-- and the quarter (yyyy-Qn, in the application's zone) it counts for.
create table thought_report (
    case_id           varchar(64)  primary key references case_record (id),
    username          varchar(64)  not null references person (username),
    admission_case_id varchar(64)  not null references admission_case (case_id),
    quarter           varchar(7)   not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    title             varchar(200) not null,
    submitted_at      timestamptz  not null
);
create index thought_report_admission on thought_report (admission_case_id, quarter);
create index thought_report_person on thought_report (username, quarter);

-- the quarterly reminder: each person reminded at most once per quarter
create table thought_report_reminder (
    username    varchar(64) not null references person (username),
    quarter     varchar(7)  not null,
    reminded_at timestamptz not null,
    primary key (username, quarter)
);
