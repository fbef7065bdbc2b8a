-- meeting module: meeting records (三会一课, organizational life), their roll, amendments and compliance flags.
-- No foreign key to case_record: the roll is written while the process starts, before the case row exists.
create table meeting_record (
    case_id       varchar(64)  primary key,
    org_code      varchar(64)  not null references org_unit (code),
    branch_code   varchar(64)  not null references org_unit (code),
    type          varchar(20)  not null check (type in ('BRANCH_GENERAL', 'BRANCH_COMMITTEE', 'GROUP', 'LECTURE',
                                                       'THEME_DAY', 'ORG_LIFE', 'APPRAISAL')),
    planned_at    timestamptz  not null,
    place         varchar(200) not null,
    host          varchar(64),
    recorder      varchar(64),
    agenda        text         not null,
    -- filled when the meeting is recorded
    meeting_date  date,
    start_time    varchar(5),
    end_time      varchar(5),
    minutes       text,
    absence_notes text,
    resolutions   jsonb        not null default '[]',
    photos        jsonb        not null default '[]',
    sign_in       jsonb        not null default '[]',
    key_phrases   jsonb        not null default '[]',
    recorded_by   varchar(64),
    -- set once the secretary confirmed; the record is read-only from then on
    archived_at   timestamptz,
    archived_by   varchar(64),
    minutes_code  varchar(32)
);
create index meeting_record_branch on meeting_record (branch_code, type, meeting_date);

-- the roll: one row per member expected, which is also their in-app notice
create table meeting_attendee (
    case_id      varchar(64)  not null references meeting_record (case_id),
    username     varchar(64)  not null references person (username),
    votes        boolean      not null,
    response     varchar(10)  not null default 'PENDING' check (response in ('PENDING', 'CONFIRMED', 'ABSENT')),
    reason       varchar(500),
    responded_at timestamptz,
    present      boolean,
    primary key (case_id, username)
);
create index meeting_attendee_person on meeting_attendee (username);

-- corrections after archiving: never an edit, always a new row with its reason
create table meeting_amendment (
    id         bigserial    primary key,
    case_id    varchar(64)  not null references meeting_record (case_id),
    author     varchar(64)  not null references person (username),
    at         timestamptz  not null,
    reason     varchar(1000) not null,
    text       text         not null
);
create index meeting_amendment_case on meeting_amendment (case_id);

-- a branch that missed its frequency for a type in a period; one flag per period, with its 补开/说明 case
create table meeting_flag (
    branch_code  varchar(64)  not null references org_unit (code),
    type         varchar(20)  not null,
    period       varchar(10)  not null,
    period_end   date         not null,
    raised_at    timestamptz  not null,
    case_id      varchar(64),
    resolved_at  timestamptz,
    primary key (branch_code, type, period)
);
