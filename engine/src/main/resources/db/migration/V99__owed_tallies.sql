-- 谁欠谁 at a county root grouped every (task, person) row by person and every task row by org on each request: 130k
-- and 100k rows at the bench's county, 250 ms of PostgreSQL's time. Tallies per (person, org) and per org, kept by
-- triggers on the read model's rows in the same transaction, leave a root a few thousand rows to add up.
--
-- Overdue depends on the clock. Each row carries late_counted: whether the tallies count it as late. owed_roll (run
-- every minute) marks the rows whose due time has passed (and unmarks any whose due time lies ahead again after a
-- clock move), and the update trigger moves them in the tallies. A reader adds what the roll has not caught up with:
-- rows due by now but not marked, less rows marked but not due by now, both read from small partial indexes. The
-- mark is a row's own, changed under its row lock, so a roll never misses a row written beside it.
alter table owed_owner add column late_counted boolean not null default false;
alter table owed_task add column late_counted boolean not null default false;

create table owed_person_tally (
    username  varchar(64) not null,
    org_path  text        not null,
    open      integer     not null,
    late      integer     not null,
    -- the oldest open task's creation, the view's last tie-breaker
    oldest    timestamp   not null,
    primary key (username, org_path)
);
create index owed_person_tally_org on owed_person_tally (org_path text_pattern_ops) include (username, open, late, oldest);

create table owed_org_tally (
    org_path  text    primary key,
    open      integer not null,
    late      integer not null
);
create index owed_org_tally_org on owed_org_tally (org_path text_pattern_ops) include (open, late);

-- what the roll has not caught up with: rows not yet marked (due or not) and rows marked; a reader takes the range
-- either side of now, which holds only the rows whose due time passed since the last roll (or after a clock move)
create index owed_owner_unmarked on owed_owner (due_at) include (username, org_path)
    where not late_counted and due_at is not null;
create index owed_owner_marked on owed_owner (due_at) include (username, org_path) where late_counted;
create index owed_task_unmarked on owed_task (due_at) include (org_path) where not late_counted and due_at is not null;
create index owed_task_marked on owed_task (due_at) include (org_path) where late_counted;

create type owed_tally_row as (username varchar(64), org_path text, created_at timestamp, late boolean);

-- Rows added (sign 1) or removed (sign -1). Shared tally rows are locked in key order, so that two transactions
-- touching the same ones wait for each other instead of deadlocking. A group left empty is dropped; a removed row
-- that was a group's oldest makes the group look its oldest up again (index owed_owner_person_org).
create function owed_person_tally_add(changed owed_tally_row[], sign integer) returns void language plpgsql as $$
begin
    if cardinality(changed) = 0 then
        return; -- a statement that changed no row still fires its trigger
    end if;
    insert into owed_person_tally as t (username, org_path, open, late, oldest)
    select username, org_path, sign * count(*), sign * count(*) filter (where r.late), min(r.created_at)
      from unnest(changed) r
     group by username, org_path
     order by username, org_path
    on conflict (username, org_path) do update
       set open = t.open + excluded.open, late = t.late + excluded.late,
           oldest = case when sign > 0 then least(t.oldest, excluded.oldest) else t.oldest end;
    if sign < 0 then
        delete from owed_person_tally t
         using (select distinct username, org_path from unnest(changed) r) r
         where t.username = r.username and t.org_path = r.org_path and t.open <= 0;
        update owed_person_tally t
           set oldest = (select min(o.created_at) from owed_owner o
                          where o.username = t.username and o.org_path = t.org_path)
          from (select username, org_path, min(created_at) gone from unnest(changed) r group by username, org_path) r
         where t.username = r.username and t.org_path = r.org_path and r.gone <= t.oldest;
    end if;
end
$$;

create function owed_org_tally_add(paths text[], marks boolean[], sign integer) returns void language plpgsql as $$
begin
    if cardinality(paths) = 0 then
        return;
    end if;
    insert into owed_org_tally as t (org_path, open, late)
    select org_path, sign * count(*), sign * count(*) filter (where r.marked) from unnest(paths, marks) r (org_path, marked)
     group by org_path
     order by org_path
    on conflict (org_path) do update set open = t.open + excluded.open, late = t.late + excluded.late;
    if sign < 0 then
        delete from owed_org_tally t using (select distinct org_path from unnest(paths) r (org_path)) r
         where t.org_path = r.org_path and t.open <= 0;
    end if;
end
$$;

create function owed_owner_tallied() returns trigger language plpgsql as $$
begin
    if tg_op in ('DELETE', 'UPDATE') then
        perform owed_person_tally_add(array(select (username, org_path, created_at, late_counted)::owed_tally_row
                                              from gone), -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform owed_person_tally_add(array(select (username, org_path, created_at, late_counted)::owed_tally_row
                                              from came), 1);
    end if;
    return null;
end
$$;

create function owed_task_tallied() returns trigger language plpgsql as $$
declare
    paths text[];
    marks boolean[];
begin
    if tg_op in ('DELETE', 'UPDATE') then
        select array_agg(org_path), array_agg(late_counted) into paths, marks from gone;
        perform owed_org_tally_add(coalesce(paths, '{}'), coalesce(marks, '{}'), -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        select array_agg(org_path), array_agg(late_counted) into paths, marks from came;
        perform owed_org_tally_add(coalesce(paths, '{}'), coalesce(marks, '{}'), 1);
    end if;
    return null;
end
$$;

-- the rows as they stand are counted once, before the triggers exist
update owed_owner set late_counted = true where due_at < localtimestamp;
update owed_task set late_counted = true where due_at < localtimestamp;
insert into owed_person_tally (username, org_path, open, late, oldest)
select username, org_path, count(*), count(*) filter (where late_counted), min(created_at)
  from owed_owner group by username, org_path;
insert into owed_org_tally (org_path, open, late)
select org_path, count(*), count(*) filter (where late_counted) from owed_task group by org_path;

create trigger owed_owner_added after insert on owed_owner
    referencing new table as came for each statement execute function owed_owner_tallied();
create trigger owed_owner_removed after delete on owed_owner
    referencing old table as gone for each statement execute function owed_owner_tallied();
create trigger owed_owner_changed after update on owed_owner
    referencing old table as gone new table as came for each statement execute function owed_owner_tallied();
create trigger owed_task_added after insert on owed_task
    referencing new table as came for each statement execute function owed_task_tallied();
create trigger owed_task_removed after delete on owed_task
    referencing old table as gone for each statement execute function owed_task_tallied();
create trigger owed_task_changed after update on owed_task
    referencing old table as gone new table as came for each statement execute function owed_task_tallied();

-- Marks the rows due before at_time as late and unmarks those due at or after it, tasks first and then owners (the order
-- in which owed_refresh locks them). Rows another transaction holds are skipped (the next roll takes them; a reader
-- counts them meanwhile), so a roll never waits for a step.
create function owed_roll(at_time timestamp) returns integer language plpgsql as $$
declare
    marked integer;
    unmarked integer;
begin
    update owed_task t set late_counted = true from (
        select task_id from owed_task where not late_counted and due_at < at_time for update skip locked) r
     where t.task_id = r.task_id;
    update owed_task t set late_counted = false from (
        select task_id from owed_task where late_counted and due_at >= at_time for update skip locked) r
     where t.task_id = r.task_id;
    update owed_owner o set late_counted = true from (
        select task_id, username from owed_owner where not late_counted and due_at < at_time for update skip locked) r
     where o.task_id = r.task_id and o.username = r.username;
    get diagnostics marked = row_count;
    update owed_owner o set late_counted = false from (
        select task_id, username from owed_owner where late_counted and due_at >= at_time for update skip locked) r
     where o.task_id = r.task_id and o.username = r.username;
    get diagnostics unmarked = row_count;
    return marked + unmarked;
end
$$;
