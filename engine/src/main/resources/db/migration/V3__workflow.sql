-- workflow module: one row per case (process instance) for fast lists by org subtree and status
create table case_record (
    id           varchar(64)  primary key,
    process_key  varchar(64)  not null,
    subject      varchar(200) not null,
    org_code     varchar(64)  not null references org_unit (code),
    org_path     text         not null,
    starter      varchar(64)  not null,
    status       varchar(20)  not null check (status in ('ACTIVE', 'COMPLETED', 'CANCELLED', 'REJECTED')),
    started_at   timestamptz  not null,
    ended_at     timestamptz
);
create index case_record_org on case_record (org_path text_pattern_ops, status);
create index case_record_starter on case_record (starter, started_at);

-- cases copied to someone (抄送)
create table case_copy (
    case_id    varchar(64) not null references case_record (id),
    username   varchar(64) not null references person (username),
    copied_by  varchar(64) not null,
    note       varchar(500),
    copied_at  timestamptz not null,
    primary key (case_id, username)
);
create index case_copy_user on case_copy (username, copied_at);
