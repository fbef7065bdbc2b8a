-- complaint: the tracking code is the complainant's only credential (to follow and to evaluate the complaint).
-- Staff never hold it: only its SHA-256 is kept, and staff see a hint (TS******WXYZ) to match a caller's code.
alter table complaint add column tracking_hash char(64);
alter table complaint add column tracking_hint varchar(16);
update complaint
   set tracking_hash = encode(sha256(convert_to(tracking_code, 'UTF8')), 'hex'),
       tracking_hint = left(tracking_code, 2) || '******' || right(tracking_code, 4);
alter table complaint drop column tracking_code;
create unique index complaint_tracking_hash on complaint (tracking_hash);

-- The code also lived on as a process variable; remove it wherever Flowable kept it (runtime and history).
do $$
begin
    if to_regclass('act_ru_variable') is not null then
        delete from act_ru_variable where name_ = 'trackingCode';
    end if;
    if to_regclass('act_hi_varinst') is not null then
        delete from act_hi_varinst where name_ = 'trackingCode';
    end if;
    if to_regclass('act_hi_detail') is not null then
        delete from act_hi_detail where name_ = 'trackingCode';
    end if;
end $$;

-- Codes handed to bots that filled the honeypot field: they follow like a real complaint that waits for dispatch,
-- so a bot cannot tell it was caught. Only what the public status shows is kept, and only for 90 days.
create table complaint_decoy (
    tracking_hash char(64)     primary key,
    category      varchar(40)  not null,
    title         varchar(200) not null,
    received_at   timestamptz  not null
);
create index complaint_decoy_received on complaint_decoy (received_at);
