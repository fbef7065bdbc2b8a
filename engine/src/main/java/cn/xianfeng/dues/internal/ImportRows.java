package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bank-statement layout: a header row naming the member column ({@code username}, {@code idNumber} or
 * {@code name}), {@code amountYuan}, {@code paidOn} and optionally {@code months} ({@code yyyy-MM;yyyy-MM}).
 * Parses one row's cells into what the ledger needs, or says in words why it cannot.
 */
public final class ImportRows {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu-M-d"),
            DateTimeFormatter.ofPattern("uuuuMMdd"), DateTimeFormatter.ofPattern("uuuu.M.d"));
    private static final BigDecimal MAX_YUAN = new BigDecimal("1000000");

    private final int member;
    private final String memberColumn;
    private final int amount;
    private final int paidOn;
    private final int months;

    private ImportRows(int member, String memberColumn, int amount, int paidOn, int months) {
        this.member = member;
        this.memberColumn = memberColumn;
        this.amount = amount;
        this.paidOn = paidOn;
        this.months = months;
    }

    public static ImportRows of(List<String> header) {
        List<String> h = header.stream().map(s -> s.strip()).toList();
        String column = h.contains("username") ? "username" : h.contains("idNumber") ? "idNumber"
                : h.contains("name") ? "name" : null;
        if (column == null || !h.contains("amountYuan") || !h.contains("paidOn")) {
            throw InvalidInputException.of("file", Refusal.of("dues.importHeader"));
        }
        return new ImportRows(h.indexOf(column), column, h.indexOf("amountYuan"), h.indexOf("paidOn"), h.indexOf("months"));
    }

    /** One row as read: who (by which column), the amount in fen, the date, and the months if the file names them. */
    public record Row(String memberColumn, String memberValue, long amountFen, String paidOn, List<String> months) {
    }

    public Row parse(List<String> cells) {
        for (String c : cells) {
            if (c.length() > ImportFiles.MAX_CELL) {
                throw new RowRejected("单元格内容过长（至多 " + ImportFiles.MAX_CELL + " 字）");
            }
        }
        String who = cell(cells, member).strip();
        if (who.isEmpty()) {
            throw new RowRejected(memberColumn + " 为空");
        }
        return new Row(memberColumn, who, fen(cell(cells, amount)), date(cell(cells, paidOn)),
                months < 0 ? null : months(cell(cells, months)));
    }

    public boolean namesMonths() {
        return months >= 0;
    }

    static long fen(String text) {
        String t = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").replace("元", "");
        try {
            BigDecimal yuan = new BigDecimal(t);
            if (yuan.signum() <= 0 || yuan.compareTo(MAX_YUAN) > 0 || yuan.stripTrailingZeros().scale() > 2) {
                throw new RowRejected("金额须为正数，至多两位小数：" + text);
            }
            return yuan.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new RowRejected("金额无法识别：" + text);
        }
    }

    static String date(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f).toString();
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        throw new RowRejected("交纳日期无法识别（应为 yyyy-MM-dd）：" + text);
    }

    static List<String> months(String text) {
        if (text.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String token : text.split("[;；,，、\\s]+")) {
            if (token.isBlank()) {
                continue;
            }
            // a month cell Excel turned into a date reads 2026-03-01
            String t = token.strip().matches("\\d{4}-\\d{2}-01") ? token.strip().substring(0, 7) : token.strip();
            Optional<YearMonth> m = Months.parse(t);
            if (m.isEmpty()) {
                throw new RowRejected("月份格式应为 yyyy-MM：" + token);
            }
            out.add(m.get().toString());
        }
        return out;
    }

    private static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }

    /** Why a row cannot be taken, in words for the report. */
    public static final class RowRejected extends RuntimeException {
        public RowRejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
