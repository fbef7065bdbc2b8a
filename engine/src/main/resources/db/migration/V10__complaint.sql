-- complaint module (接诉即办): one row per complaint case, with the times its three rates are computed from
create table complaint (
    case_id            varchar(64)  primary key references case_record (id),
    tracking_code      varchar(16)  not null unique,
    category           varchar(40)  not null,
    title              varchar(200) not null,
    dispatch_org       varchar(64)  not null references org_unit (code),
    route_org_type     varchar(20),
    time_limit_days    integer,
    handler_org        varchar(64)  references org_unit (code),
    handler_path       text,
    co_orgs            text,
    overridden         boolean      not null default false,
    received_at        timestamptz  not null,
    dispatched_at      timestamptz,
    respond_due        timestamptz,
    responded_at       timestamptz,
    handling_due       timestamptz,
    handled_at         timestamptz,
    resolved           boolean,
    reply              text,
    replied_at         timestamptz,
    rating             varchar(24)  check (rating in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    evaluated_at       timestamptz,
    dissatisfied_count integer      not null default 0,
    respond_escalated  boolean      not null default false,
    handle_escalated   boolean      not null default false,
    escalated          boolean      not null default false,
    closed_at          timestamptz
);
create index complaint_handler on complaint (handler_path text_pattern_ops, received_at);

-- the complainant's contact data, kept apart from the case: only dispatchers read it; never a process variable
create table complaint_contact (
    case_id    varchar(64) primary key references complaint (case_id),
    anonymous  boolean     not null,
    name       varchar(50),
    phone      varchar(20)
);

-- public intakes per address, for the hourly limit; old rows are only ever counted within the window
create table complaint_intake (
    id       bigserial   primary key,
    address  varchar(64) not null,
    at       timestamptz not null
);
create index complaint_intake_address on complaint_intake (address, at);
