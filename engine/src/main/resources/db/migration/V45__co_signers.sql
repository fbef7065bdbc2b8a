-- workflow: 加签 (co-signers of a step). Each row is one person asked to sign a step's task before, after or in
-- parallel with its owner. While a signer may sign, their work item is a Flowable sub-task of the step's task
-- (sign_task_id); the row keeps the plan and the outcome. Removed signers (减签) are deleted here and stay in the
-- audit trail.
create table task_signer (
    task_id      varchar(64)   not null,
    case_id      varchar(64)   not null references case_record (id),
    username     varchar(64)   not null references person (username),
    position     varchar(10)   not null check (position in ('BEFORE', 'AFTER', 'PARALLEL')),
    added_by     varchar(64)   not null,
    reason       varchar(1000) not null,
    added_at     timestamptz   not null,
    state        varchar(10)   not null check (state in ('WAITING', 'OPEN', 'AGREED', 'DISAGREED')),
    sign_task_id varchar(64),
    signed_at    timestamptz,
    primary key (task_id, username)
);
create index task_signer_case on task_signer (case_id);
create unique index task_signer_sign_task on task_signer (sign_task_id) where sign_task_id is not null;

-- The owner's submission of a step that waits for its co-signers (PARALLEL still signing, or AFTER). It is applied
-- as the owner's completion when the last of them has signed; a co-signer's 不同意 discards it.
create table task_held_submission (
    task_id  varchar(64)   primary key,
    case_id  varchar(64)   not null references case_record (id),
    actor    varchar(64)   not null,
    data     jsonb         not null,
    comment  varchar(2000),
    held_at  timestamptz   not null
);
