package cn.xianfeng.org;

/** The levels of the org tree: committee (党委) → general branch (党总支) → branch (党支部) → group (党小组). */
public enum OrgType {
    COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP;

    /**
     * Whether an org of this type may have a child of type {@code child}: a child's type is below its parent's,
     * except that committees nest (a county committee above its township committees); a group belongs to a branch.
     */
    public boolean mayContain(OrgType child) {
        return switch (this) {
            case COMMITTEE -> child == COMMITTEE || child == GENERAL_BRANCH || child == BRANCH;
            case GENERAL_BRANCH -> child == BRANCH;
            case BRANCH -> child == GROUP;
            case GROUP -> false;
        };
    }

    /** Strictly lower in the tree's order (committee > general branch > branch > group). */
    public boolean isBelow(OrgType other) {
        return ordinal() > other.ordinal();
    }
}
