-- cluster module: scheduled jobs run on one node at a time and once per period (ShedLock's table; lock_until and
-- locked_at are the database's time, so the nodes' clocks need not agree).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- Every run of a locked job: which node ran it, from when to when (database time). Operators see where and when
-- the compliance check or retention last ran; tests check "once per period". Pruned after xianfeng.jobs.run-log-retention.
create table job_run (
    id          bigserial    primary key,
    name        varchar(64)  not null,
    node        varchar(255) not null,
    started_at  timestamptz  not null default now(),
    finished_at timestamptz
);
create index job_run_name_started on job_run (name, started_at);
