-- Account lifecycle: a password someone else set (an officer creating the account, a reset) is one-time and must be
-- changed at the next sign-in; when it last changed is kept.
alter table person add column password_change_required boolean not null default false;
alter table person add column password_changed_at timestamptz;

-- Sign-in throttle per (source address, account name) with growing delays. It replaces the per-account lockout
-- (failed_logins, locked_until), which anyone could hold over anyone's account, the administrator's included.
create table sign_in_throttle (
    address       text        not null,
    -- SHA-256 (hex) of the name as typed, lower case: never the text itself, which may be a password typed in the
    -- wrong field, and bounded whatever was sent
    account       char(64)    not null,
    failures      integer     not null,
    last_failure  timestamptz not null,
    blocked_until timestamptz not null,
    primary key (address, account)
);
create index sign_in_throttle_last_failure on sign_in_throttle (last_failure);

alter table person drop column failed_logins;
alter table person drop column locked_until;
