package cn.xianfeng.workflow;

/**
 * An org's subtree as the range of paths [{@code from}, {@code until}) in byte order, for the {@code ~>=~} and
 * {@code ~<~} operators of the {@code text_pattern_ops} indexes. Unlike {@code org_path like ?} the range is usable by
 * a generic plan: PostgreSQL turns a {@code like} into an index range only when it sees the pattern while planning.
 */
record Subtree(String from, String until) {

    /** Every path under {@code path} starts with it; paths end with '/', so the next byte after it bounds them all. */
    static Subtree of(String path) {
        if (path.isEmpty() || path.charAt(path.length() - 1) != '/') {
            throw new IllegalArgumentException("an org path ends with '/': " + path);
        }
        return new Subtree(path, path.substring(0, path.length() - 1) + '0');
    }
}
