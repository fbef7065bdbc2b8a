-- org module: the org tree, people, member status and roles held in orgs
create table org_unit (
    code        varchar(64)  primary key,
    name        varchar(200) not null,
    type        varchar(20)  not null check (type in ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP')),
    parent_code varchar(64)  references org_unit (code),
    -- materialized path '/C01/C01-T1/' makes "within the subtree of X" one indexed prefix test
    path        text         not null unique,
    created_at  timestamptz  not null default now()
);
create index org_unit_parent on org_unit (parent_code);
create index org_unit_path on org_unit (path text_pattern_ops);

create table person (
    username      varchar(64)  primary key,
    name          varchar(100) not null,
    birth_date    date,
    org_code      varchar(64)  references org_unit (code),
    status        varchar(20)  check (status in ('APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY', 'FULL',
                                                 'TRANSFERRED_OUT', 'DECEASED', 'EXPELLED')),
    joined_date   date,
    password_hash varchar(100) not null,
    -- the bootstrap administrator acts everywhere without holding a role in an org
    superuser     boolean      not null default false,
    failed_logins integer      not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz  not null default now()
);
create index person_org on person (org_code);

create table role_assignment (
    username   varchar(64) not null references person (username),
    role       varchar(30) not null check (role in ('SECRETARY', 'BRANCH_COMMITTEE', 'COMMITTEE_REVIEWER',
                                                    'ORG_DEPARTMENT', 'DISPATCHER', 'AUDITOR', 'ADMIN')),
    org_code   varchar(64) not null references org_unit (code),
    granted_at timestamptz not null default now(),
    primary key (username, role, org_code)
);
create index role_assignment_org on role_assignment (org_code, role);

create table member_status_change (
    id          bigserial   primary key,
    username    varchar(64) not null references person (username),
    from_status varchar(20),
    to_status   varchar(20) not null,
    case_id     varchar(64),
    actor       varchar(64) not null,
    at          timestamptz not null
);
create index member_status_change_person on member_status_change (username, at);
