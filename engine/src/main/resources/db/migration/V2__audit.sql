-- Audit trail: append-only events, hash-chained per case ("system" for events without a case).
-- chain uses the "C" collation so that "order by chain" is the same byte order everywhere.

create table audit_event (
    id             bigint generated always as identity primary key,
    chain          text collate "C" not null,
    seq            bigint not null,
    at             timestamptz not null,
    actor          text not null,
    org_code       text,
    action         text not null,
    case_id        text,
    task_id        text,
    step_id        text,
    data           jsonb,
    comment        text,
    source_address text,
    data_digest    text not null,
    prev_hash      text not null,
    hash           text not null,
    -- serves the chain walk of verification and forCase (chain = case id)
    constraint audit_event_chain_seq unique (chain, seq)
);

-- The last (seq, hash) of each chain; its row lock serializes appends within one chain only.
create table audit_chain_head (
    chain text collate "C" primary key,
    seq   bigint not null,
    hash  text not null
);

-- Periodic anchors: a digest over every chain's head as of the anchor (see audit_anchor_head).
create table audit_anchor (
    id           bigint generated always as identity primary key,
    at           timestamptz not null,
    heads_digest text not null,
    chains       bigint not null,
    events       bigint not null
);

-- Each chain's head as of the latest anchor; the latest anchor's heads_digest covers these rows.
create table audit_anchor_head (
    chain text collate "C" primary key,
    seq   bigint not null,
    hash  text not null
);

create function audit_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit trail is append-only: % on % is not allowed', tg_op, tg_table_name;
end
$$;

create function audit_reject_head_regress() returns trigger language plpgsql as $$
begin
    raise exception 'audit chain head may only advance by one: % seq % -> %', tg_table_name, old.seq, new.seq;
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_reject_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_reject_change();

create trigger audit_anchor_append_only before update or delete on audit_anchor
    for each row execute function audit_reject_change();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function audit_reject_change();

create trigger audit_chain_head_no_delete before delete on audit_chain_head
    for each row execute function audit_reject_change();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
    for each statement execute function audit_reject_change();
create trigger audit_chain_head_advance before update on audit_chain_head
    for each row when (new.seq < old.seq or new.seq > old.seq + 1) execute function audit_reject_head_regress();

create trigger audit_anchor_head_no_delete before delete on audit_anchor_head
    for each row execute function audit_reject_change();
create trigger audit_anchor_head_no_truncate before truncate on audit_anchor_head
    for each statement execute function audit_reject_change();
create trigger audit_anchor_head_no_regress before update on audit_anchor_head
    for each row when (new.seq < old.seq) execute function audit_reject_head_regress();
