-- 待办 read model: one row per (open task, person whose 待办 lists it), with everything the list shows, so a todo page
-- and its count are one statement over one table instead of Flowable's task query (an OR over identity links, then
-- the task's identity links, case subjects and co-signers: six pooled connections per page).
-- A person's 待办 is not who owes the task (owed_owner): it also holds the tasks they delegated (委派: owner_), and a
-- candidate needs no person row; so it is a sibling of the 谁欠谁 model, refreshed with it by owed_refresh (below)
-- for the same tasks, by the same callers (OwedUpdates, the role_assignment triggers, OwedReconciliation).
-- Who lists a task, exactly as TaskLists' former query (assigned, owned, or candidate while unassigned):
--   its assignee; its owner; and, while it has no assignee, its candidate users and the holders of its candidate
--   roles ("ROLE@ORG" groups).
create table todo_entry (
    username     varchar(255) not null,
    task_id      varchar(64)  not null,
    case_id      varchar(64),
    process_key  varchar(255),
    step_id      text,
    name         text,
    assignee     varchar(255),
    delegated_by varchar(255),
    candidates   text[]       not null,
    co_sign      boolean      not null,
    subject      varchar(200),
    org_code     varchar(64),
    created_at   timestamp    not null,
    due_at       timestamp,
    primary key (username, task_id)
);
create index todo_entry_task on todo_entry (task_id);
create index todo_entry_case on todo_entry (case_id);
-- the default order (newest first), read from the index for a person with many tasks
create index todo_entry_person on todo_entry (username, created_at desc, task_id collate "C");

-- Recomputes the 待办 rows of the given tasks from Flowable's runtime tables (a task gone leaves no rows).
-- Must select what OwedReconciliation.TODO_REFERENCE selects.
create function todo_refresh(ids varchar[]) returns void language plpgsql as $$
begin
    if ids is null or cardinality(ids) = 0 then
        return;
    end if;
    delete from todo_entry where task_id in (select unnest(ids));
    insert into todo_entry (username, task_id, case_id, process_key, step_id, name, assignee, delegated_by, candidates,
                            co_sign, subject, org_code, created_at, due_at)
    select o.username, t.id_, t.proc_inst_id_, split_part(t.proc_def_id_, ':', 1),
           case when t.category_ = 'co-sign' then t.description_ else t.task_def_key_ end, t.name_, t.assignee_,
           case when t.delegation_ = 'PENDING' then t.owner_ end,
           array(select coalesce(l.group_id_, l.user_id_) from act_ru_identitylink l
                  where l.task_id_ = t.id_ and l.type_ = 'candidate' order by 1),
           coalesce(t.category_ = 'co-sign', false), c.subject, c.org_code, t.create_time_, t.due_date_
      from act_ru_task t
      left join case_record c on c.id = t.proc_inst_id_
      join lateral (
            select t.assignee_ username where t.assignee_ is not null
            union
            select t.owner_ where t.owner_ is not null
            union
            select l.user_id_ from act_ru_identitylink l
             where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.user_id_ is not null and t.assignee_ is null
            union
            select r.username from act_ru_identitylink l
              join role_assignment r on l.group_id_ = r.role || '@' || r.org_code
             where l.task_id_ = t.id_ and l.type_ = 'candidate' and t.assignee_ is null
           ) o on true
     where t.id_ in (select unnest(ids));
end
$$;

-- owed_refresh as in V88, refreshing the 待办 rows of the same tasks first: every caller of the 谁欠谁 model keeps
-- both in the task's transaction.
create or replace function owed_refresh(ids varchar[]) returns void language plpgsql as $$
begin
    if ids is null or cardinality(ids) = 0 then
        return;
    end if;
    perform todo_refresh(ids);
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

-- An existing database's open tasks get their 待办 rows at the first start (OwedStartupFill reconciles when
-- todo_entry is empty and tasks are open).
