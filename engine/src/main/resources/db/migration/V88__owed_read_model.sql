-- 谁欠谁 read model: one row per open task that someone owes (owed_task) and one per (task, person who owes it)
-- (owed_owner), so /api/owed aggregates with SQL instead of reading one row per (task, owner) into Java.
-- Who owes a task follows one rule, kept in owed_refresh: its assignee; else its candidate users; else the holders
-- of its candidate roles ("ROLE@ORG" groups) — only people with a person row, only tasks of a case_record.
-- Kept in the task's own transaction: the engine's events (OwedUpdates) and role grants/revokes (trigger below)
-- call owed_refresh for the tasks they touch; OwedReconciliation rebuilds and compares it nightly.
create table owed_task (
    task_id      varchar(64)  primary key,
    case_id      varchar(64)  not null,
    process_key  varchar(64)  not null,
    step_id      varchar(255),
    name         varchar(255),
    subject      varchar(200) not null,
    org_path     text         not null,
    created_at   timestamp    not null,
    due_at       timestamp
);
create index owed_task_org on owed_task (org_path text_pattern_ops);
create index owed_task_case on owed_task (case_id);

-- org_path, created_at and due_at are copied so that the per-person counts read one table
create table owed_owner (
    task_id      varchar(64)  not null references owed_task (task_id) on delete cascade,
    username     varchar(64)  not null,
    org_path     text         not null,
    created_at   timestamp    not null,
    due_at       timestamp,
    primary key (task_id, username)
);
create index owed_owner_org on owed_owner (org_path text_pattern_ops);
-- a person's oldest tasks in the order the view lists them: read from the index, stopping after the first few
create index owed_owner_person on owed_owner (username, created_at, task_id collate "C");

-- Recomputes the rows of the given tasks from Flowable's runtime tables (a task gone leaves no rows).
-- plpgsql: the body is bound when it runs, since Flowable creates act_ru_* after Flyway on a new database.
create function owed_refresh(ids varchar[]) returns void language plpgsql as $$
begin
    if ids is null or cardinality(ids) = 0 then
        return;
    end if;
    -- unnest, not = any: a rebuild passes every open task, and a long array is compared linearly per row
    delete from owed_task where task_id in (select unnest(ids));
    with rows as (
        select t.id_ task_id, t.name_ task_name, t.task_def_key_ step_id, t.proc_inst_id_ case_id,
               t.create_time_ created, t.due_date_ due, c.subject, c.process_key, c.org_path, o.username
          from act_ru_task t
          join case_record c on c.id = t.proc_inst_id_
          join lateral (
                select t.assignee_ username where t.assignee_ is not null
                union
                select l.user_id_ from act_ru_identitylink l
                 where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.user_id_ is not null and t.assignee_ is null
                union
                select r.username from act_ru_identitylink l
                  join role_assignment r on l.group_id_ = r.role || '@' || r.org_code
                 where l.task_id_ = t.id_ and l.type_ = 'candidate' and t.assignee_ is null
               ) o on true
          join person p on p.username = o.username
         where t.id_ in (select unnest(ids))
    ), tasks as (
        insert into owed_task (task_id, case_id, process_key, step_id, name, subject, org_path, created_at, due_at)
        select distinct on (task_id) task_id, case_id, process_key, step_id, task_name, subject, org_path, created, due
          from rows
        on conflict (task_id) do update set case_id = excluded.case_id, process_key = excluded.process_key,
            step_id = excluded.step_id, name = excluded.name, subject = excluded.subject, org_path = excluded.org_path,
            created_at = excluded.created_at, due_at = excluded.due_at
        returning task_id
    )
    insert into owed_owner (task_id, username, org_path, created_at, due_at)
    select r.task_id, r.username, r.org_path, r.created, r.due from rows r join tasks k on k.task_id = r.task_id
    on conflict (task_id, username) do update set org_path = excluded.org_path, created_at = excluded.created_at,
        due_at = excluded.due_at;
end
$$;

-- A role granted or revoked changes who owes every open task offered to that role in that org, whoever wrote
-- the row (People.grant/revoke, imports, data loads): one refresh per statement, over the tasks of its groups.
create function owed_roles_changed() returns trigger language plpgsql as $$
begin
    if to_regclass('act_ru_identitylink') is null then
        return null;
    end if;
    perform owed_refresh(array(
        select distinct l.task_id_ from act_ru_identitylink l
          join changed r on l.group_id_ = r.role || '@' || r.org_code
         where l.task_id_ is not null and l.type_ = 'candidate'));
    return null;
end
$$;

create function owed_roles_updated() returns trigger language plpgsql as $$
begin
    if to_regclass('act_ru_identitylink') is null then
        return null;
    end if;
    perform owed_refresh(array(
        select distinct l.task_id_ from act_ru_identitylink l
          join (select role, org_code from changed union select role, org_code from changed_before) r
            on l.group_id_ = r.role || '@' || r.org_code
         where l.task_id_ is not null and l.type_ = 'candidate'));
    return null;
end
$$;

create trigger owed_role_granted after insert on role_assignment
    referencing new table as changed for each statement execute function owed_roles_changed();
create trigger owed_role_revoked after delete on role_assignment
    referencing old table as changed for each statement execute function owed_roles_changed();
create trigger owed_role_updated after update on role_assignment
    referencing old table as changed_before new table as changed for each statement execute function owed_roles_updated();

-- An existing database's open tasks are filled in at the first start (OwedStartupFill), as the
-- application's role: the migrating role may not read Flowable's tables.
