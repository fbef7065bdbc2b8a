package cn.xianfeng.dues;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dues.DuesTypes.Arrears;
import cn.xianfeng.dues.DuesTypes.ArrearsView;
import cn.xianfeng.dues.DuesTypes.MemberRow;
import cn.xianfeng.dues.DuesTypes.MonthRate;
import cn.xianfeng.dues.DuesTypes.OrgDues;
import cn.xianfeng.dues.DuesTypes.OrgRates;
import cn.xianfeng.dues.DuesTypes.Rates;
import cn.xianfeng.dues.internal.CollectionQueries;
import cn.xianfeng.dues.internal.CollectionQueries.Cell;
import cn.xianfeng.dues.internal.DuesAccess;
import cn.xianfeng.dues.internal.Ledgers;
import cn.xianfeng.dues.internal.Months;
import cn.xianfeng.dues.internal.Timeline;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collection over an org's subtree: the members with their standard, paid-until month and arrears (a page at a
 * time), the collection rate for a month (members who paid it / members owing it), the rates month by month for
 * every org of the subtree (dashboard, year-end export), and who is in arrears (谁欠谁).
 */
@Service
public class DuesCollection {

    public static final int MAX_PAGE = 500;
    /** The most members in arrears a workbook lists. */
    public static final int EXPORT_ARREARS = 50_000;
    static final int MAX_RATE_MONTHS = 36;

    private final Orgs orgs;
    private final DuesAccess access;
    private final CollectionQueries queries;
    private final Ledgers ledgers;
    private final Clock clock;

    DuesCollection(Orgs orgs, DuesAccess access, CollectionQueries queries, Ledgers ledgers, Clock clock) {
        this.orgs = orgs;
        this.access = access;
        this.queries = queries;
        this.ledgers = ledgers;
        this.clock = clock;
    }

    /**
     * The current month's collection over the subtree (due, paid, rate), without its members: what 谁欠谁 shows
     * beside the tasks. One grouped statement, not the member count and page {@link #org} also reads.
     */
    public DuesTypes.MonthDues thisMonth(String code, String viewer) {
        Org org = readable(code, viewer);
        YearMonth m = YearMonth.now(clock);
        Cell total = sum(queries.cells(org.path(), m, m), org.path());
        return new DuesTypes.MonthDues(m.toString(), total.due(), total.paid(), rate(total.due(), total.paid()));
    }

    public OrgDues org(String code, String month, String viewer, int page, int size) {
        Org org = readable(code, viewer);
        YearMonth m = month == null || month.isBlank() ? YearMonth.now(clock) : Months.parse(month)
                .orElseThrow(() -> InvalidInputException.of("month", Refusal.of("dues.monthFormat")));
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw InvalidInputException.of("size", Refusal.of("dues.pageSize", String.valueOf(MAX_PAGE)));
        }
        Cell total = sum(queries.cells(org.path(), m, m), org.path());
        List<CollectionQueries.Member> members = queries.page(org.path(), page, size);
        Map<String, Timeline> timelines = ledgers.of(members.stream().map(CollectionQueries.Member::username).toList());
        YearMonth current = YearMonth.now(clock);
        java.util.Set<String> pending = queries.pending(timelines.keySet());
        List<MemberRow> rows = new ArrayList<>();
        for (CollectionQueries.Member p : members) {
            Timeline t = timelines.get(p.username());
            List<YearMonth> unpaid = t.unpaidBefore(current);
            // the standard for the month shown, or the first one owed when the base starts later
            Long standard = t.standard(m).isPresent() ? Long.valueOf(t.standard(m).getAsLong())
                    : t.owingFrom().map(f -> t.standard(f).getAsLong()).orElse(null);
            rows.add(new MemberRow(p.username(), p.name(), p.orgCode(), standard,
                    t.paidUntil().map(YearMonth::toString).orElse(null), unpaid.size(), t.sum(unpaid),
                    t.firstUnpaid().map(YearMonth::toString).orElse(null), t.isPaid(m), t.owingFrom().isPresent(),
                    pending.contains(p.username())));
        }
        return new OrgDues(org.code(), org.name(), m.toString(), total.due(), total.paid(), rate(total.due(), total.paid()),
                queries.count(org.path()), rows);
    }

    /** Rates month by month ({@code from}..{@code to}, at most three years) for the org and every org below it. */
    public Rates rates(String code, YearMonth from, YearMonth to, String viewer) {
        Org org = readable(code, viewer);
        if (to.isBefore(from) || Months.between(from, to) >= MAX_RATE_MONTHS) {
            throw InvalidInputException.of("month", Refusal.of("dues.periodMonths", String.valueOf(MAX_RATE_MONTHS)));
        }
        // each cell counts for its org and every org above it: one pass over the cells, not one per org
        Map<String, long[]> totals = new java.util.HashMap<>();
        for (Cell c : queries.cells(org.path(), from, to)) {
            for (int i = c.path().indexOf('/', 1); i > 0; i = c.path().indexOf('/', i + 1)) {
                long[] t = totals.computeIfAbsent(c.path().substring(0, i + 1) + "@" + c.month(), k -> new long[2]);
                t[0] += c.due();
                t[1] += c.paid();
            }
        }
        List<OrgRates> out = new ArrayList<>();
        for (Org o : orgs.subtree(org.code())) {
            List<MonthRate> months = new ArrayList<>();
            for (YearMonth m : Months.range(from, to)) {
                long[] t = totals.getOrDefault(o.path() + "@" + m, new long[2]);
                months.add(new MonthRate(m.toString(), t[0], t[1], rate(t[0], t[1])));
            }
            out.add(new OrgRates(o.code(), o.name(), o.type().name(), o.parentCode(), months));
        }
        return new Rates(org.code(), org.name(), from.toString(), to.toString(), out);
    }

    /** Who in the subtree is behind, most unpaid months first: at most {@value #EXPORT_ARREARS} (a workbook's cap). */
    public List<Arrears> arrears(String code, String viewer) {
        return arrears(code, viewer, EXPORT_ARREARS).members();
    }

    /**
     * The first {@code limit} members of the subtree behind with their dues (most unpaid months first) and how many
     * are behind in all: a county's view reads what it shows, not every member.
     */
    public ArrearsView arrears(String code, String viewer, int limit) {
        Org org = readable(code, viewer);
        YearMonth current = YearMonth.now(clock);
        CollectionQueries.Behind behind = queries.behind(org.path(), current, limit);
        Map<String, Timeline> timelines = ledgers.of(behind.first().stream().map(CollectionQueries.Standing::username).toList());
        List<Arrears> out = new ArrayList<>();
        for (var s : behind.first()) {
            Timeline t = timelines.get(s.username());
            List<YearMonth> unpaid = t.unpaidBefore(current);
            out.add(new Arrears(s.username(), s.name(), s.orgCode(), unpaid.size(), t.sum(unpaid),
                    unpaid.isEmpty() ? null : unpaid.get(0).toString()));
        }
        return new ArrearsView(behind.total(), out);
    }

    /** Whether the viewer records dues for the org (its secretary or collector, or an administrator above). */
    public boolean mayCollect(String viewer, String orgCode) {
        return access.mayCollect(viewer, orgCode);
    }

    private Org readable(String code, String viewer) {
        Org org = code == null ? null : orgs.find(code).orElse(null);
        if (org == null || !access.mayReadOrg(viewer, org.code())) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", code));
        }
        return org;
    }

    private static Cell sum(List<Cell> cells, String path) {
        long due = 0;
        long paid = 0;
        for (Cell c : cells) {
            if (c.path().startsWith(path)) {
                due += c.due();
                paid += c.paid();
            }
        }
        return new Cell(null, path, due, paid);
    }

    /** paid / due, 0–1; null (left out) when no one owes for the month. */
    static Double rate(long due, long paid) {
        return due == 0 ? null : Math.round(paid * 10000.0 / due) / 10000.0;
    }
}
