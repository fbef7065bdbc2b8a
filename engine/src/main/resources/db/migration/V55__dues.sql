-- dues module: party dues (党费). Months are stored as the first day of the month.
-- Declarations, their decisions, payments and accepted reasons are evidence: append-only like the audit trail
-- (audit_reject_change from V2), so a correction is a new row that references the corrected one.

-- a member's declared monthly base (once a year and on a change), with the standard it gives under
-- processes/dues-standard.dmn at the time it was declared; it applies from from_month once confirmed
create table dues_declaration (
    id               bigint generated always as identity primary key,
    username         varchar(64) not null references person (username),
    category         varchar(20) not null check (category in ('EMPLOYEE', 'RETIREE', 'FARMER', 'STUDENT',
                                                             'UNEMPLOYED', 'RELIEF')),
    monthly_base_fen bigint      not null check (monthly_base_fen >= 0),
    fixed_fen        integer,
    standard_fen     integer     not null check (standard_fen > 0),
    from_month       date        not null check (extract(day from from_month) = 1),
    declared_by      varchar(64) not null,
    declared_at      timestamptz not null
);
create index dues_declaration_person on dues_declaration (username, from_month);

-- the secretary's confirmation (or rejection) of a declaration: at most one per declaration
create table dues_declaration_decision (
    declaration_id bigint      primary key references dues_declaration (id),
    decision       varchar(10) not null check (decision in ('CONFIRMED', 'REJECTED')),
    decided_by     varchar(64) not null,
    decided_at     timestamptz not null,
    reason         varchar(500)
);

-- payments recorded by a collector, and reversals (corrections) of them; the id is taken before the row is
-- written so that the receipt can print it
create sequence dues_payment_id;
create table dues_payment (
    id           bigint      primary key,
    kind         varchar(10) not null check (kind in ('PAYMENT', 'REVERSAL')),
    username     varchar(64) not null references person (username),
    branch_code  varchar(64) not null references org_unit (code),
    months       date[]      not null check (cardinality(months) > 0),
    amount_fen   bigint      not null,
    paid_on      date        not null,
    corrects     bigint      unique references dues_payment (id),
    reason       varchar(500),
    source       varchar(10) not null check (source in ('MANUAL', 'IMPORT')),
    receipt_code varchar(20),
    recorded_by  varchar(64) not null,
    recorded_at  timestamptz not null,
    check ((kind = 'REVERSAL') = (corrects is not null))
);
create index dues_payment_person on dues_payment (username, paid_on);

-- which months are paid and by which payment, kept with the payments (a reversal removes its months):
-- the primary key makes a month paid twice impossible, also between two collectors at the same instant
create table dues_paid_month (
    username   varchar(64) not null references person (username),
    month      date        not null,
    payment_id bigint      not null references dues_payment (id),
    primary key (username, month)
);
create index dues_paid_month_month on dues_paid_month (month, username);

-- a valid reason recorded in a 谈话 (党章第九条): the unpaid months through through_month no longer count
-- toward six in a row (they are still owed)
create table dues_excuse (
    id            bigint generated always as identity primary key,
    username      varchar(64) not null references person (username),
    through_month date        not null,
    case_id       varchar(64) not null,
    reason        varchar(1000) not null,
    recorded_by   varchar(64) not null,
    recorded_at   timestamptz not null
);
create index dues_excuse_person on dues_excuse (username, through_month);

-- one 谈话 case per run of unpaid months (the run's first month), so every check finds a run once
create table dues_arrears_flag (
    username  varchar(64) not null references person (username),
    run_start date        not null,
    case_id   varchar(64),
    raised_at timestamptz not null,
    primary key (username, run_start)
);

-- reminders sent: the monthly notice (period yyyy-MM) and 催缴 (period yyyy-MM-dd, once a day per member)
create table dues_reminder (
    username varchar(64) not null references person (username),
    kind     varchar(10) not null check (kind in ('MONTHLY', 'URGE')),
    period   varchar(10) not null,
    sent_by  varchar(64) not null,
    sent_at  timestamptz not null,
    primary key (username, kind, period)
);

create trigger dues_declaration_append_only before update or delete on dues_declaration
    for each row execute function audit_reject_change();
create trigger dues_declaration_no_truncate before truncate on dues_declaration
    for each statement execute function audit_reject_change();
create trigger dues_declaration_decision_append_only before update or delete on dues_declaration_decision
    for each row execute function audit_reject_change();
create trigger dues_declaration_decision_no_truncate before truncate on dues_declaration_decision
    for each statement execute function audit_reject_change();
create trigger dues_payment_append_only before update or delete on dues_payment
    for each row execute function audit_reject_change();
create trigger dues_payment_no_truncate before truncate on dues_payment
    for each statement execute function audit_reject_change();
create trigger dues_excuse_append_only before update or delete on dues_excuse
    for each row execute function audit_reject_change();
create trigger dues_excuse_no_truncate before truncate on dues_excuse
    for each statement execute function audit_reject_change();

-- org module: a member may collect dues for their branch (DUES_COLLECTOR, granted in a branch only)
alter table role_assignment drop constraint role_assignment_role_check;
alter table role_assignment add constraint role_assignment_role_check
    check (role in ('SECRETARY', 'BRANCH_COMMITTEE', 'COMMITTEE_REVIEWER', 'ORG_DEPARTMENT', 'DISPATCHER', 'AUDITOR',
                    'ADMIN', 'DUES_COLLECTOR'));

-- an imported bank statement names members by resident ID number: one indexed lookup per row
create index person_id_number_lookup on person (id_number) where id_number is not null;
