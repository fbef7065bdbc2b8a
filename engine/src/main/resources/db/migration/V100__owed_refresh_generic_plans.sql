-- A completion refreshes one or two tasks, yet owed_refresh cost 5 ms of PostgreSQL's time per call (6.3 ms under the
-- bench's HTTP load, half the database time of a completion) while its statements ran in 0.6 ms: PL/pgSQL planned each
-- statement afresh on every call. With the array a parameter, a custom plan (which sees two ids) always looks cheaper
-- than the generic one (which assumes ten), so the plan cache never settles on the generic plan, and planning the
-- 待办 insert and the owners' lateral union costs more than running them. For a few tasks the generic plan (index
-- lookups per id) is the right one: owed_refresh 5.0 -> 1.8 ms a call (60 calls in one session, pg_stat_statements
-- with track = all). A fill or a large repair passes thousands of ids, where custom plans (hash joins) win: 30,000
-- tasks took 3.6-4.3 s as before and 7.6 s with the generic plans. So the wrapper forces the generic plans for a few
-- tasks (the refresh's statements and those of the tally triggers it fires) and leaves PostgreSQL's choice (auto) for
-- many, then puts the caller's mode back.
alter function owed_refresh(varchar[]) rename to owed_refresh_rows;

create function owed_refresh(ids varchar[]) returns void language plpgsql as $$
declare
    caller_mode text := current_setting('plan_cache_mode');
begin
    if ids is null or cardinality(ids) = 0 then
        return;
    end if;
    perform set_config('plan_cache_mode',
                       case when cardinality(ids) <= 200 then 'force_generic_plan' else 'auto' end, true);
    perform owed_refresh_rows(ids);
    perform set_config('plan_cache_mode', caller_mode, true);
end
$$;
