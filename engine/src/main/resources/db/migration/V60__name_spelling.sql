-- forms: pickers find people and orgs by name, pinyin initials (张三 → zs) or full pinyin (zhangsan).
-- The spelling is derived by the application (HanLP's pinyin dictionary), which fills every row left null;
-- a rename nulls it again here, so no write path can leave a stale spelling behind.
alter table person add column name_initials varchar(100), add column name_pinyin varchar(700);
alter table org_unit add column name_initials varchar(200), add column name_pinyin varchar(1400);

create function name_spelling_reset() returns trigger language plpgsql as $$
begin
    if new.name is distinct from old.name and new.name_initials is not distinct from old.name_initials then
        new.name_initials := null;
        new.name_pinyin := null;
    end if;
    return new;
end
$$;
create trigger person_name_spelling before update of name on person
    for each row execute function name_spelling_reset();
create trigger org_unit_name_spelling before update of name on org_unit
    for each row execute function name_spelling_reset();

create index person_unspelled on person (username) where name_initials is null;
create index org_unit_unspelled on org_unit (code) where name_initials is null;
