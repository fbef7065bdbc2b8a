package cn.xianfeng.complaint;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.complaint.ComplaintTypes.Counts;
import cn.xianfeng.complaint.ComplaintTypes.Rates;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The three headline rates (响应率, 解决率, 满意率) of the complaints dispatched to an org's subtree and received
 * within a period: responded on time / received, resolved / handled, (satisfied + basically satisfied) / evaluated.
 * Also each responsible org of the subtree on its own, for the dashboard's charts.
 */
@Service
public class ComplaintRates {

    private static final String COUNTS = """
            select %s count(*) as received,
                   count(responded_at) as responded,
                   count(*) filter (where responded_at <= respond_due) as responded_on_time,
                   count(handled_at) as handled,
                   count(*) filter (where resolved and coalesce(rating, '') <> 'DISSATISFIED') as resolved,
                   count(rating) as evaluated,
                   count(*) filter (where rating = 'SATISFIED') as satisfied,
                   count(*) filter (where rating = 'BASICALLY_SATISFIED') as basically_satisfied,
                   count(*) filter (where rating = 'DISSATISFIED') as dissatisfied,
                   count(*) filter (where escalated or respond_escalated or handle_escalated) as escalated
              from complaint
             where handler_path like ? and received_at >= ? and received_at < ? %s""";

    private final JdbcClient jdbc;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Clock clock;

    ComplaintRates(JdbcClient jdbc, Orgs orgs, OrgAuthority authority, Clock clock) {
        this.jdbc = jdbc;
        this.orgs = orgs;
        this.authority = authority;
        this.clock = clock;
    }

    /** Rates of an org's subtree from {@code from} to {@code to} (inclusive; default: this year so far). */
    public Rates of(String orgCode, LocalDate from, LocalDate to, String viewer) {
        if (orgCode == null || orgs.find(orgCode).isEmpty()
                || !(authority.mayRead(viewer, orgCode) || authority.holdsAbove(viewer, orgCode, Role.DISPATCHER))) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate start = from != null ? from : today.withDayOfYear(1);
        LocalDate end = to != null ? to : today;
        if (end.isBefore(start)) {
            throw InvalidInputException.of("to", Refusal.of("complaint.endBeforeStart"));
        }
        Org org = orgs.get(orgCode);
        Object[] params = {Orgs.likePrefix(org.path()), Timestamp.from(start.atStartOfDay(clock.getZone()).toInstant()),
                Timestamp.from(end.plusDays(1).atStartOfDay(clock.getZone()).toInstant())};
        Counts total = jdbc.sql(COUNTS.formatted("", "")).params(params).query((rs, n) -> counts(rs)).single();
        List<Rates> perOrg = jdbc.sql(COUNTS.formatted("handler_org,", "group by handler_org order by handler_org"))
                .params(params).query((rs, n) -> {
                    String code = rs.getString("handler_org");
                    return rates(code, orgs.find(code).map(Org::name).orElse(code), start, end, counts(rs), List.of());
                }).list();
        return rates(org.code(), org.name(), start, end, total, perOrg);
    }

    private static Rates rates(String code, String name, LocalDate from, LocalDate to, Counts c, List<Rates> orgs) {
        return new Rates(code, name, from, to, ratio(c.respondedOnTime(), c.received()), ratio(c.resolved(), c.handled()),
                ratio(c.satisfied() + c.basicallySatisfied(), c.evaluated()), c, orgs);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }

    private static Counts counts(ResultSet rs) throws SQLException {
        return new Counts(rs.getLong("received"), rs.getLong("responded"), rs.getLong("responded_on_time"),
                rs.getLong("handled"), rs.getLong("resolved"), rs.getLong("evaluated"), rs.getLong("satisfied"),
                rs.getLong("basically_satisfied"), rs.getLong("dissatisfied"), rs.getLong("escalated"));
    }
}
