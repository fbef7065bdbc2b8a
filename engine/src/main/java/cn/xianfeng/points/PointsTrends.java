package cn.xianfeng.points;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.Org;
import cn.xianfeng.points.AppraisalTypes.Drill;
import cn.xianfeng.points.AppraisalTypes.Trend;
import cn.xianfeng.points.internal.MonthlyIndex;
import org.springframework.stereotype.Service;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The dashboard's 先锋指数 by month (a line per branch) and the drill-down from a number to the ledger entries behind
 * it; for officers and auditors of the org, as its ranking.
 */
@Service
public class PointsTrends {

    private final PointsAccess access;
    private final MonthlyIndex index;

    PointsTrends(PointsAccess access, MonthlyIndex index) {
        this.access = access;
        this.index = index;
    }

    public Trend trend(String code, Integer year, String viewer) {
        Org org = access.readable(code, viewer);
        return index.trend(org, access.year(year));
    }

    /** The entries behind a branch's year, or behind one month of it ({@code month} yyyy-MM within the year). */
    public Drill entries(String code, Integer year, String month, String viewer) {
        Org branch = PointsAccess.branch(access.readable(code, viewer));
        int y = access.year(year);
        YearMonth m = null;
        if (month != null && !month.isBlank()) {
            try {
                m = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                m = null;
            }
            if (m == null || m.getYear() != y) {
                throw InvalidInputException.of("month", Refusal.of("points.monthOfYear", String.valueOf(y)));
            }
        }
        return index.drill(branch, y, m);
    }
}
