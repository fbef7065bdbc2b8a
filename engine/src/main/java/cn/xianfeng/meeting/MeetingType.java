package cn.xianfeng.meeting;

/** The meeting types of 三会一课 and organizational life, with the names people read. */
public enum MeetingType {
    BRANCH_GENERAL("支部党员大会"), BRANCH_COMMITTEE("支委会"), GROUP("党小组会"), LECTURE("党课"),
    THEME_DAY("主题党日"), ORG_LIFE("组织生活会"), APPRAISAL("民主评议党员");

    private final String label;

    MeetingType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
