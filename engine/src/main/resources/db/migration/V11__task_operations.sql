-- workflow: 催办 — at most one reminder per task and day
create table task_reminder (
    task_id     varchar(64) not null,
    day         date        not null,
    reminded_by varchar(64) not null,
    message     varchar(500),
    at          timestamptz not null,
    primary key (task_id, day)
);

-- notice module: in-app notices (and e-mail when SMTP is configured)
create table notice (
    id         bigserial    primary key,
    username   varchar(64)  not null references person (username),
    kind       varchar(30)  not null,
    text       varchar(500) not null,
    case_id    varchar(64),
    task_id    varchar(64),
    created_at timestamptz  not null,
    read_at    timestamptz
);
create index notice_user on notice (username, read_at, created_at);
alter table person add column email varchar(200);
