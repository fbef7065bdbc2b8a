package cn.xianfeng.org;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The 56 recognised groups, each with a distinct Chinese and English name, read back from what people write. */
class EthnicityTest {

    @Test
    void fiftySixGroupsEachWithAChineseAndAnEnglishName() {
        assertThat(Ethnicity.values()).hasSize(56);
        assertThat(Arrays.stream(Ethnicity.values()).map(e -> e.label(Locale.SIMPLIFIED_CHINESE)).distinct())
                .hasSize(56).allMatch(n -> n.endsWith("族"));
        assertThat(Arrays.stream(Ethnicity.values()).map(e -> e.label(Locale.ENGLISH)).distinct()).hasSize(56)
                .allMatch(n -> n.matches("[A-Z][A-Za-z' ]+"));
        assertThat(Ethnicity.HAN.label(Locale.ROOT)).isEqualTo("汉族");
    }

    @Test
    void aGroupIsReadFromItsChineseNameWithOrWithoutZuItsEnglishNameOrItsConstant() {
        assertThat(Ethnicity.parse("汉族")).contains(Ethnicity.HAN);
        assertThat(Ethnicity.parse(" 回 ")).contains(Ethnicity.HUI);
        assertThat(Ethnicity.parse("uyghur")).contains(Ethnicity.UYGHUR);
        assertThat(Ethnicity.parse("KOREAN")).contains(Ethnicity.KOREAN);
        assertThat(Ethnicity.parse("De'ang")).contains(Ethnicity.DEANG);
        assertThat(Ethnicity.parse("火星族")).isEmpty();
        assertThat(Ethnicity.parse("族")).isEmpty();
        assertThat(Ethnicity.parse("")).isEmpty();
        assertThat(Ethnicity.parse(null)).isEmpty();
    }
}
