package cn.xianfeng.org;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The 56 recognised ethnic groups (民族), in the order and with the names of GB/T 3304; the letter and the member
 * record carry one. Stored and answered by its constant (HAN), as a member status is; accepted also by its Chinese
 * name (汉族 or 汉) and its English name (Han), as a form or a spreadsheet may write them.
 */
public enum Ethnicity {
    HAN("汉族", "Han"), MONGOL("蒙古族", "Mongol"), HUI("回族", "Hui"), TIBETAN("藏族", "Tibetan"),
    UYGHUR("维吾尔族", "Uyghur"), MIAO("苗族", "Miao"), YI("彝族", "Yi"), ZHUANG("壮族", "Zhuang"),
    BUYEI("布依族", "Buyei"), KOREAN("朝鲜族", "Korean"), MANCHU("满族", "Manchu"), DONG("侗族", "Dong"),
    YAO("瑶族", "Yao"), BAI("白族", "Bai"), TUJIA("土家族", "Tujia"), HANI("哈尼族", "Hani"),
    KAZAKH("哈萨克族", "Kazakh"), DAI("傣族", "Dai"), LI("黎族", "Li"), LISU("傈僳族", "Lisu"), VA("佤族", "Va"),
    SHE("畲族", "She"), GAOSHAN("高山族", "Gaoshan"), LAHU("拉祜族", "Lahu"), SUI("水族", "Sui"),
    DONGXIANG("东乡族", "Dongxiang"), NAXI("纳西族", "Nakhi"), JINGPO("景颇族", "Jingpo"),
    KYRGYZ("柯尔克孜族", "Kyrgyz"), TU("土族", "Tu"), DAUR("达斡尔族", "Daur"), MULAO("仫佬族", "Mulao"),
    QIANG("羌族", "Qiang"), BLANG("布朗族", "Blang"), SALAR("撒拉族", "Salar"), MAONAN("毛南族", "Maonan"),
    GELAO("仡佬族", "Gelao"), XIBE("锡伯族", "Xibe"), ACHANG("阿昌族", "Achang"), PUMI("普米族", "Pumi"),
    TAJIK("塔吉克族", "Tajik"), NU("怒族", "Nu"), UZBEK("乌孜别克族", "Uzbek"), RUSSIAN("俄罗斯族", "Russian"),
    EVENKI("鄂温克族", "Evenki"), DEANG("德昂族", "De'ang"), BONAN("保安族", "Bonan"), YUGUR("裕固族", "Yugur"),
    GIN("京族", "Gin"), TATAR("塔塔尔族", "Tatar"), DERUNG("独龙族", "Derung"), OROQEN("鄂伦春族", "Oroqen"),
    HEZHEN("赫哲族", "Hezhen"), MONBA("门巴族", "Monba"), LHOBA("珞巴族", "Lhoba"), JINO("基诺族", "Jino");

    private final String chinese;
    private final String english;

    Ethnicity(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The name printed on Chinese documents: 汉族. */
    public String chinese() {
        return chinese;
    }

    /** The name in the reader's language. */
    public String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? english : chinese;
    }

    /** The group a written name means (汉族, 汉, Han, HAN), if it is one of the 56. */
    public static Optional<Ethnicity> parse(String written) {
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        String s = written.strip();
        return Arrays.stream(values()).filter(e -> e.chinese.equals(s) || e.chinese.equals(s + "族")
                || e.english.equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s)).findFirst();
    }
}
