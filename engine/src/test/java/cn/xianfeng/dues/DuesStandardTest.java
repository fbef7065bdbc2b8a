package cn.xianfeng.dues;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.internal.Standards;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standard in fen as the engine computes it: processes/dues-standard.dmn on the application's DMN engine, then
 * base × rate rounded half up to the fen; a fixed amount only within 0.2–1 yuan, and only for the four categories.
 */
class DuesStandardTest extends DuesTestSupport {

    @Autowired Standards standards;

    private long employee(long baseFen) {
        return standards.monthly(Category.EMPLOYEE, baseFen, null);
    }

    @Test
    void eachBandsBoundaryGivesItsOwnRateInFen() {
        assertThat(employee(300_000)).as("3,000.00 × 0.5 % = 15.00").isEqualTo(1_500);
        assertThat(employee(300_001)).as("3,000.01 × 1 % = 30.0001").isEqualTo(3_000);
        assertThat(employee(500_000)).as("5,000.00 × 1 %").isEqualTo(5_000);
        assertThat(employee(500_001)).as("5,000.01 × 1.5 % = 75.00015").isEqualTo(7_500);
        assertThat(employee(1_000_000)).as("10,000.00 × 1.5 %").isEqualTo(15_000);
        assertThat(employee(1_000_001)).as("10,000.01 × 2 % = 200.0002").isEqualTo(20_000);
        assertThat(standards.monthly(Category.RETIREE, 500_000, null)).as("5,000.00 × 0.5 %").isEqualTo(2_500);
        assertThat(standards.monthly(Category.RETIREE, 500_001, null)).as("5,000.01 × 1 %").isEqualTo(5_000);
    }

    @Test
    void halfAFenRoundsUpNotToEven() {
        assertThat(employee(299_700)).as("1498.5 fen").isEqualTo(1_499);
        assertThat(employee(299_900)).as("1499.5 fen").isEqualTo(1_500);
        assertThat(employee(333_250)).as("3332.5 fen: half-even would give 3332").isEqualTo(3_333);
        assertThat(employee(299_699)).as("1498.495 fen").isEqualTo(1_498);
        assertThat(employee(100)).as("1 yuan × 0.5 % = 0.5 fen").isEqualTo(1);
        assertThat(Standards.byRate(533_333, 15)).as("7999.995 fen").isEqualTo(8_000);
        assertThatThrownBy(() -> employee(99)).as("0.495 fen rounds to nothing").isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field()).isEqualTo("monthlyBaseFen"));
    }

    @Test
    void theFourFixedCategoriesPayTwentyToOneHundredFenSetByTheBranch() {
        for (Category c : new Category[]{Category.FARMER, Category.STUDENT, Category.UNEMPLOYED, Category.RELIEF}) {
            assertThat(standards.monthly(c, 0, 20L)).as(c + " 0.2 yuan").isEqualTo(20);
            assertThat(standards.monthly(c, 80_000, 100L)).as(c + " 1 yuan").isEqualTo(100);
            for (Long bad : new Long[]{19L, 101L, null}) {
                assertThatThrownBy(() -> standards.monthly(c, 0, bad)).as(c + " " + bad)
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("fixedFen");
            }
        }
        assertThatThrownBy(() -> standards.monthly(Category.EMPLOYEE, 300_000, 50L)).as("a rate, not a fixed amount")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fixedFen");
        assertThatThrownBy(() -> employee(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> employee(1_000_000_001)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aDeclaredBaseStoresTheStandardAndEveryBadFieldIsNamed() {
        String m = member();
        var dues = bases.declare(m, new BaseDeclaration("EMPLOYEE", 300_001L, null, now().toString()), "sec1");
        assertThat(dues.standardFen()).isEqualTo(3_000);
        assertThat(dues.category()).isEqualTo(Category.EMPLOYEE);
        assertThatThrownBy(() -> bases.declare(m, new BaseDeclaration("OFFICIAL", null, null, "2020-13"), "sec1"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("category", "monthlyBaseFen", "from"));
        assertThatThrownBy(() -> bases.declare(m, new BaseDeclaration("FARMER", 0L, 10L, now().toString()), "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fixedFen");
        assertThat(bases.declare(m, new BaseDeclaration("FARMER", 0L, 50L, now().toString()), "sec1").standardFen())
                .isEqualTo(50);
    }
}
