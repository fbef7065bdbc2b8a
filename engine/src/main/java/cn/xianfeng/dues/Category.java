package cn.xianfeng.dues;

/** Whose base the standard is computed from: income or pension at a rate, or a fixed amount the branch sets. */
public enum Category {
    EMPLOYEE("在职", false),
    RETIREE("离退休", false),
    FARMER("农民", true),
    STUDENT("学生", true),
    UNEMPLOYED("下岗失业", true),
    RELIEF("依靠救济或领取最低生活保障金", true);

    private final String label;
    private final boolean fixed;

    Category(String label, boolean fixed) {
        this.label = label;
        this.fixed = fixed;
    }

    public String label() {
        return label;
    }

    /** Pays a fixed monthly amount (0.2–1 yuan) set by the branch rather than a rate of the base. */
    public boolean fixed() {
        return fixed;
    }
}
