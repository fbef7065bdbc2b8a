-- points module: 积分 derived from the audit trail by processes/points.dmn (issue 20).
-- The ledger is append-only (audit_reject_change from V2): an entry is never changed; a rebuild that finds an entry
-- the trail and the latest table no longer give appends a CORRECTION row carrying the new values for the same key.
-- The effective value of a key (event, subject, item) is its row with the highest id.
create table points_entry (
    id            bigint generated always as identity primary key,
    kind          varchar(10)  not null check (kind in ('ENTRY', 'CORRECTION')),
    event_id      bigint       not null references audit_event (id),
    subject_kind  varchar(6)   not null check (subject_kind in ('MEMBER', 'BRANCH')),
    subject       varchar(64)  not null,
    -- what within the event earned it: a dues month (yyyy-MM), a meeting's attendee, '-' when the event gives one
    item          varchar(64)  not null,
    rule          varchar(64)  not null,
    category      varchar(10)  not null check (category in ('MEETING', 'DUES', 'REPORT', 'STEP', 'CLAIM', 'COMPLAINT')),
    points        integer      not null,
    -- the category's monthly cap for this subject when the entry was derived (null: none)
    monthly_cap   integer,
    -- when the earning action happened, and the month it counts for (caps, yearly totals)
    at            timestamptz  not null,
    period        date         not null check (extract(day from period) = 1),
    case_id       varchar(64),
    -- the version of points.dmn that gave the points
    table_version integer      not null,
    corrects      bigint       references points_entry (id),
    recorded_at   timestamptz  not null,
    check ((kind = 'CORRECTION') = (corrects is not null))
);
-- derivation is idempotent: an event gives each (subject, item) one ENTRY, whichever node derives it and how often
create unique index points_entry_key on points_entry (event_id, subject_kind, subject, item) where kind = 'ENTRY';
create index points_entry_subject on points_entry (subject_kind, subject, period);

create trigger points_entry_append_only before update or delete on points_entry
    for each row execute function audit_reject_change();
create trigger points_entry_no_truncate before truncate on points_entry
    for each statement execute function audit_reject_change();

-- the derivation's position in the audit trail: the last (xid, event id) derived (see V50's search_cursor)
create table points_cursor (
    name     text   primary key,
    xid      xid8   not null,
    event_id bigint not null
);
insert into points_cursor (name, xid, event_id) values ('derive', '0', 0);

-- the months whose dues collection rate was recorded for a branch (audit POINTS_DUES_MONTH_CLOSED): each once
create table points_dues_close (
    branch_code varchar(64) not null references org_unit (code),
    month       date        not null check (extract(day from month) = 1),
    closed_at   timestamptz not null,
    primary key (branch_code, month)
);
