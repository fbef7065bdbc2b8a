package cn.xianfeng.org;

/** Roles are held in an org; a person may hold several in several orgs. */
public enum Role {
    SECRETARY, BRANCH_COMMITTEE, COMMITTEE_REVIEWER, ORG_DEPARTMENT, DISPATCHER, AUDITOR, ADMIN,
    /** Records the dues of the branch it is held in (党费收缴员); granted in a branch only. */
    DUES_COLLECTOR;

    /** Officers manage the people and orgs of their subtree. */
    public boolean isOfficer() {
        return this == ADMIN || this == ORG_DEPARTMENT || this == SECRETARY;
    }
}
