package cn.xianfeng.dues.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Set-based figures over an org's subtree, one statement each: its paying members (full and probationary, where
 * they are now), who owes for a month (a confirmed base from that month or earlier) and who paid it.
 */
@Repository
public class CollectionQueries {

    private static final String MEMBERS = """
            select p.username, p.name, p.org_code, o.path from person p join org_unit o on o.code = p.org_code
             where starts_with(o.path, :path) and p.status in ('FULL', 'PROBATIONARY')""";
    private static final String OWING = """
            select d.username, min(d.from_month) owing_from from dues_declaration d
              join dues_declaration_decision x on x.declaration_id = d.id and x.decision = 'CONFIRMED'
             group by d.username""";

    private final JdbcClient jdbc;

    CollectionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Member(String username, String name, String orgCode) {
    }

    /** One (month, member's org path) cell: members owing that month there, and how many of them paid it. */
    public record Cell(YearMonth month, String path, long due, long paid) {
    }

    /** Per-member figures for the time rules: first month owed, last paid month before the current, paid count. */
    public record Standing(String username, String name, String orgCode, YearMonth owingFrom, YearMonth lastPaid, long paidCount,
                           YearMonth excusedThrough) {
    }

    public long count(String path) {
        return jdbc.sql("select count(*) from (" + MEMBERS + ") m").param("path", path).query(Long.class).single();
    }

    public List<Member> page(String path, int page, int size) {
        return jdbc.sql(MEMBERS + " order by p.org_code, p.username limit :size offset :offset")
                .param("path", path).param("size", size).param("offset", (long) page * size)
                .query((rs, i) -> new Member(rs.getString("username"), rs.getString("name"), rs.getString("org_code")))
                .list();
    }

    /** Which of the members have a declaration waiting for the secretary's decision (their latest one). */
    public java.util.Set<String> pending(java.util.Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select d.username from dues_declaration d
                 where d.username = any(:names) and not exists (select 1 from dues_declaration_decision x
                                                                 where x.declaration_id = d.id)
                   and d.id = (select max(l.id) from dues_declaration l where l.username = d.username)""")
                .param("names", usernames.toArray(String[]::new)).query(String.class).list());
    }

    /** Due and paid per month and org path for the months {@code from}..{@code to}. */
    public List<Cell> cells(String path, YearMonth from, YearMonth to) {
        return jdbc.sql("with m as (" + MEMBERS + "), owing as (" + OWING + """
                ), months as (select cast(generate_series(cast(:from as date), cast(:to as date), interval '1 month')
                                          as date) as mon)
                select months.mon, m.path, count(*) due, count(pm.username) paid
                  from m join owing o on o.username = m.username join months on months.mon >= o.owing_from
                  left join dues_paid_month pm on pm.username = m.username and pm.month = months.mon
                 group by months.mon, m.path""")
                .param("path", path).param("from", Months.first(from)).param("to", Months.first(to))
                .query((rs, i) -> new Cell(Months.of(rs.getObject("mon", LocalDate.class)), rs.getString("path"),
                        rs.getLong("due"), rs.getLong("paid"))).list();
    }

    /** Members behind (fewer months paid than owed before {@code current}), most months first, and how many there are. */
    public record Behind(long total, List<Standing> first) {
    }

    /**
     * The members of the subtree behind with their dues, the most unpaid months first (then org, username), at most
     * {@code limit}, and their number: filtered, counted and cut in SQL, so a county root reads only what it shows.
     */
    public Behind behind(String path, YearMonth current, int limit) {
        long[] total = {0};
        List<Standing> first = jdbc.sql("with m as (" + MEMBERS + "), owing as (" + OWING + """
                ), s as (
                  select m.username, m.name, m.org_code, o.owing_from,
                         (select max(pm.month) from dues_paid_month pm where pm.username = m.username
                             and pm.month < :current) last_paid,
                         (select count(*) from dues_paid_month pm where pm.username = m.username
                             and pm.month >= o.owing_from and pm.month < :current) paid_count,
                         (select max(e.through_month) from dues_excuse e where e.username = m.username) excused,
                         (extract(year from cast(:current as date)) * 12 + extract(month from cast(:current as date)))
                           - (extract(year from o.owing_from) * 12 + extract(month from o.owing_from)) owed_months
                    from m join owing o on o.username = m.username where o.owing_from < :current)
                select s.*, count(*) over () behind from s where s.paid_count < s.owed_months
                 order by s.owed_months - s.paid_count desc, s.org_code, s.username limit :limit""")
                .param("path", path).param("current", Months.first(current)).param("limit", limit)
                .query((rs, i) -> {
                    total[0] = rs.getLong("behind");
                    LocalDate last = rs.getObject("last_paid", LocalDate.class);
                    LocalDate excused = rs.getObject("excused", LocalDate.class);
                    return new Standing(rs.getString("username"), rs.getString("name"), rs.getString("org_code"),
                            Months.of(rs.getObject("owing_from", LocalDate.class)), last == null ? null : Months.of(last),
                            rs.getLong("paid_count"), excused == null ? null : Months.of(excused));
                }).list();
        return new Behind(total[0], first);
    }

    /** Members of the subtree (all orgs when path is "/") who owe anything from a month before {@code current}. */
    public List<Standing> standings(String path, YearMonth current) {
        return jdbc.sql("with m as (" + MEMBERS + "), owing as (" + OWING + """
                ) select m.username, m.name, m.org_code, o.owing_from,
                         (select max(pm.month) from dues_paid_month pm where pm.username = m.username
                             and pm.month < :current) last_paid,
                         (select count(*) from dues_paid_month pm where pm.username = m.username
                             and pm.month >= o.owing_from and pm.month < :current) paid_count,
                         (select max(e.through_month) from dues_excuse e where e.username = m.username) excused
                    from m join owing o on o.username = m.username where o.owing_from < :current
                   order by m.org_code, m.username""")
                .param("path", path).param("current", Months.first(current))
                .query((rs, i) -> {
                    LocalDate last = rs.getObject("last_paid", LocalDate.class);
                    LocalDate excused = rs.getObject("excused", LocalDate.class);
                    return new Standing(rs.getString("username"), rs.getString("name"), rs.getString("org_code"),
                            Months.of(rs.getObject("owing_from", LocalDate.class)), last == null ? null : Months.of(last),
                            rs.getLong("paid_count"), excused == null ? null : Months.of(excused));
                }).list();
    }
}
