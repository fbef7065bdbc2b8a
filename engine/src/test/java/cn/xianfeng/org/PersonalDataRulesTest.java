package cn.xianfeng.org;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ID-number check digit (GB 11643), the phone form and the masks lists show. */
class PersonalDataRulesTest {

    /** The sample number printed in the standard's explanations: Beijing Chaoyang, born 1949-12-31. */
    static final String SAMPLE = "11010519491231002X";

    @Test
    void theCheckDigitDecidesWhetherAnIdNumberIsValid() {
        assertThat(PersonalData.validIdNumber(SAMPLE)).isTrue();
        assertThat(PersonalData.checkDigit(SAMPLE.substring(0, 17))).isEqualTo('X');
        for (char wrong : "0123456789".toCharArray()) {
            assertThat(PersonalData.validIdNumber(SAMPLE.substring(0, 17) + wrong)).as("check digit %s", wrong).isFalse();
        }
        assertThat(PersonalData.validIdNumber("11010519491231102X")).as("one digit changed").isFalse();
        assertThat(PersonalData.validIdNumber(SAMPLE.substring(0, 17))).isFalse();
        assertThat(PersonalData.validIdNumber(SAMPLE.toLowerCase())).as("normalized before the check").isFalse();
        assertThat(PersonalData.validIdNumber(PersonalData.normalized(" 110105-19491231-002x "))).isTrue();
    }

    @Test
    void aMobileNumberHasElevenDigitsFrom13To19() {
        assertThat(PersonalData.validPhone("13800138000")).isTrue();
        assertThat(PersonalData.validPhone("19912345678")).isTrue();
        assertThat(PersonalData.validPhone("12812345678")).isFalse();
        assertThat(PersonalData.validPhone("1381234567")).isFalse();
        assertThat(PersonalData.validPhone("010-12345678")).isFalse();
    }

    @Test
    void masksKeepTheRegionAndTheLastFour() {
        PersonalData masked = new PersonalData(SAMPLE, "13800138000", true).masked();
        assertThat(masked.idNumber()).isEqualTo("110105********002X");
        assertThat(masked.phone()).isEqualTo("138****8000");
        assertThat(masked.full()).isFalse();
        assertThat(new PersonalData(null, null, true).masked()).isEqualTo(PersonalData.none());
    }
}
