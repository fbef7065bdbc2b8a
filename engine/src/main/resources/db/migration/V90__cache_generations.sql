-- Caches every node keeps (a person's roles, the org tree) compare one generation per cached table with the
-- database's once per transaction: a trigger moves the generation in the same transaction as the change, so the
-- first request on any node after the commit sees the new number and drops what it cached. Statement triggers: a
-- bulk import moves it once per statement, not once per row.
create table cache_generation (
    name       varchar(32) primary key,
    generation bigint      not null default 0
);
insert into cache_generation (name) values ('roles'), ('orgs');

create function cache_generation_bump() returns trigger language plpgsql as $$
begin
    update cache_generation set generation = generation + 1 where name = tg_argv[0];
    return null;
end $$;

create trigger role_assignment_generation after insert or update or delete or truncate on role_assignment
    for each statement execute function cache_generation_bump('roles');
create trigger org_unit_generation after insert or update or delete or truncate on org_unit
    for each statement execute function cache_generation_bump('orgs');

-- Every generation in one text, the deployed process definitions' included (Flowable's tables are created after
-- Flyway runs, so theirs is counted rather than triggered: a deployment adds a row with a later time).
create function cache_generations() returns text language plpgsql as $$
declare
    tables text;
    processes text;
begin
    select string_agg(name || '=' || generation, ',' order by name) into tables from cache_generation;
    processes := '';
    if to_regclass('act_re_deployment') is not null then
        select count(*) || ':' || coalesce(max(extract(epoch from deploy_time_))::text, '') into processes
          from act_re_deployment;
    end if;
    return tables || ',processes=' || processes;
end $$;
