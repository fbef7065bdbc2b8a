package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.dues.Category;
import org.flowable.dmn.api.DmnDecisionService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The monthly standard: processes/dues-standard.dmn decides the rate (or the fixed range) for a category and base;
 * a rate's amount is base × rate rounded half up to the fen. A fixed amount must lie within the table's range.
 */
@Component
public class Standards {

    static final String DECISION = "dues-standard";
    /** 10 million yuan a month: no base is larger, and base × rate stays far from overflow. */
    static final long MAX_BASE_FEN = 1_000_000_000L;

    private final DmnDecisionService dmn;

    Standards(DmnDecisionService dmn) {
        this.dmn = dmn;
    }

    /** What the table says for a category and base. */
    public record Rule(String kind, long ratePerMille, long minFen, long maxFen) {

        boolean fixed() {
            return "FIXED".equals(kind);
        }
    }

    public Rule rule(Category category, long monthlyBaseFen) {
        Map<String, Object> r = dmn.createExecuteDecisionBuilder().decisionKey(DECISION)
                .variable("category", category.name()).variable("monthlyBaseFen", monthlyBaseFen)
                .executeWithSingleResult();
        if (r == null || !(r.get("kind") instanceof String kind)) {
            throw new IllegalStateException("dues-standard.dmn has no rule for " + category + " " + monthlyBaseFen);
        }
        return new Rule(kind, number(r, "ratePerMille"), number(r, "minFen"), number(r, "maxFen"));
    }

    /** The monthly standard in fen; 400 naming the field when the base or fixed amount does not fit the rule. */
    public long monthly(Category category, long monthlyBaseFen, Long fixedFen) {
        if (monthlyBaseFen < 0 || monthlyBaseFen > MAX_BASE_FEN) {
            throw InvalidInputException.of("monthlyBaseFen", Refusal.of("dues.baseRange", Months.yuan(MAX_BASE_FEN)));
        }
        Rule rule = rule(category, monthlyBaseFen);
        if (rule.fixed()) {
            if (fixedFen == null || fixedFen < rule.minFen() || fixedFen > rule.maxFen()) {
                throw InvalidInputException.of("fixedFen", Refusal.of("dues.fixedRange", Refusal.of("label.dues." + category.name()), Months.yuan(rule.minFen()), Months.yuan(rule.maxFen()), String.valueOf(rule.minFen()), String.valueOf(rule.maxFen())));
            }
            return fixedFen;
        }
        if (fixedFen != null) {
            throw InvalidInputException.of("fixedFen", Refusal.of("dues.noFixed", Refusal.of("label.dues." + category.name())));
        }
        long standard = byRate(monthlyBaseFen, rule.ratePerMille());
        if (standard < 1) {
            throw InvalidInputException.of("monthlyBaseFen", Refusal.of("dues.baseTooLow"));
        }
        return standard;
    }

    /** base × rate‰, rounded half up to the fen. */
    public static long byRate(long monthlyBaseFen, long ratePerMille) {
        return BigDecimal.valueOf(monthlyBaseFen).multiply(BigDecimal.valueOf(ratePerMille))
                .divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long number(Map<String, Object> result, String name) {
        return result.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
