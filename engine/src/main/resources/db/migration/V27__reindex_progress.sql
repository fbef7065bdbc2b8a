-- search module: the progress of the index rebuild, shared by every node (one row), so that whichever node the
-- administrator's next request reaches shows the same bar. Who may start one is decided by the cluster lock.
create table search_reindex (
    id          smallint     primary key check (id = 1),
    phase       varchar(32)  not null,
    done        bigint       not null,
    total       bigint       not null,
    started_at  timestamptz,
    finished_at timestamptz,
    error       text,
    running     boolean      not null,
    indexed     bigint,
    expected    bigint,
    node        varchar(255)
);
