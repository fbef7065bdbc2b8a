package cn.xianfeng.org;

/** The levels of the org tree: committee (党委) → general branch (党总支) → branch (党支部) → group (党小组). */
public enum OrgType {
    COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP
}
