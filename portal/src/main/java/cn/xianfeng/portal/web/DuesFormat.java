package cn.xianfeng.portal.web;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/** Dues as people read them on pages ({@code @duesFormat}): fen as yuan, months in the page's language, categories. */
@Component("duesFormat")
class DuesFormat {

    private final MessageSource messages;

    DuesFormat(MessageSource messages) {
        this.messages = messages;
    }

    public String yuan(Long fen) {
        return fen == null ? "—" : BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** 2026-03 → 2026年3月 (Mar 2026 in English); null → —. */
    public String month(String month, Locale locale) {
        if (month == null) {
            return "—";
        }
        YearMonth m = YearMonth.parse(month);
        return messages.getMessage("dues.month", new Object[]{String.valueOf(m.getYear()), m.getMonthValue()},
                month, locale);
    }

    public String months(List<String> months, Locale locale) {
        if (months == null || months.isEmpty()) {
            return "—";
        }
        return months.size() == 1 ? month(months.get(0), locale)
                : month(months.get(0), locale) + " — " + month(months.get(months.size() - 1), locale) + " ("
                + months.size() + ")";
    }

    public String category(Object category, Locale locale) {
        return category == null ? "—" : messages.getMessage("dues.category." + category, null, category.toString(), locale);
    }

    /** Yuan typed on a page (at most two decimals) as fen; null for blank; an IllegalArgumentException otherwise. */
    static Long fen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        BigDecimal v = new BigDecimal(yuan.strip());
        if (v.stripTrailingZeros().scale() > 2 || v.signum() < 0 || v.compareTo(new BigDecimal("10000000")) > 0) {
            throw new IllegalArgumentException(yuan);
        }
        return v.movePointRight(2).longValueExact();
    }
}
