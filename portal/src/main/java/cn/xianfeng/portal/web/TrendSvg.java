package cn.xianfeng.portal.web;

import cn.xianfeng.points.AppraisalTypes.BranchTrend;
import cn.xianfeng.points.AppraisalTypes.MonthValue;
import cn.xianfeng.points.AppraisalTypes.Trend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 先锋指数 by month as coordinates for a server-drawn SVG (points-trend.html): a line per branch over the twelve
 * months, each point linking to the entries behind it. The scale runs from 0 (or the lowest value) to a round top.
 */
final class TrendSvg {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;
    private static final String[] COLORS = {"#c0392b", "#2c7fb8", "#27ae60", "#8e44ad", "#d35400", "#16a085",
            "#7f8c8d", "#f39c12", "#2c3e50", "#e84393"};

    record Point(double x, double y, String month, double value, String href, String title) {
    }

    record Line(String code, String name, String color, String path, List<Point> points) {
    }

    record Tick(double y, String label) {
    }

    record Chart(List<Line> lines, List<Tick> ticks, List<Tick> months, double zeroY) {
    }

    private TrendSvg() {
    }

    static Chart of(Trend trend, String contextPath) {
        double low = 0;
        double high = 1;
        for (BranchTrend b : trend.branches()) {
            for (MonthValue m : b.months()) {
                low = Math.min(low, m.value());
                high = Math.max(high, m.value());
            }
        }
        double step = niceStep((high - low) / 4);
        double bottom = Math.floor(low / step) * step;
        double top = Math.ceil(high / step) * step;
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (BranchTrend b : trend.branches()) {
            List<Point> points = new ArrayList<>();
            StringBuilder path = new StringBuilder();
            for (int m = 0; m < b.months().size(); m++) {
                MonthValue v = b.months().get(m);
                double x = x(m);
                double y = y(v.value(), bottom, top);
                path.append(m == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
                points.add(new Point(x, y, v.month(), v.value(), contextPath + "/points/entries?org=" + b.code()
                        + "&year=" + trend.year() + "&month=" + v.month(), b.name() + " " + v.month() + "：" + v.value()));
            }
            lines.add(new Line(b.code(), b.name(), COLORS[i++ % COLORS.length], path.toString(), points));
        }
        List<Tick> ticks = new ArrayList<>();
        for (double t = bottom; t <= top + step / 2; t += step) {
            ticks.add(new Tick(y(t, bottom, top), fmt(t)));
        }
        List<Tick> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(new Tick(x(m), String.valueOf(m + 1)));
        }
        return new Chart(lines, ticks, months, y(0, bottom, top));
    }

    private static double x(int month) {
        return LEFT + month * (WIDTH - LEFT - RIGHT) / 11.0;
    }

    private static double y(double value, double bottom, double top) {
        return TOP + (top - value) / (top - bottom) * (HEIGHT - TOP - BOTTOM);
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 0.25))));
        for (double f : new double[]{1, 2, 5, 10}) {
            if (f * magnitude >= raw) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
