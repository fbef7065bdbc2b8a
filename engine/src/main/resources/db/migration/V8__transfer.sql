-- transfer module: one row per relation transfer (组织关系转接), with the letter it issued and where it goes
create table transfer_case (
    case_id         varchar(64)  primary key references case_record (id),
    member          varchar(64)  not null references person (username),
    from_org        varchar(64)  not null references org_unit (code),
    to_org          varchar(64)  references org_unit (code),
    to_name         varchar(200) not null,
    move_kind       varchar(20)  not null,
    dues_paid_until varchar(7)   not null,
    open            boolean      not null default true,
    letter_code     varchar(20),
    valid_until     date,
    target_org      varchar(64)  references org_unit (code),
    reported_on     date,
    receipt_on      date
);
-- one open transfer per member; a second start is refused (409), even when two arrive at once
create unique index transfer_case_open_member on transfer_case (member) where open;
create index transfer_case_from on transfer_case (from_org);
create index transfer_case_to on transfer_case (to_org);
