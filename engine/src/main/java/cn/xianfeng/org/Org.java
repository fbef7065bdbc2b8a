package cn.xianfeng.org;

/** One node of the org tree; {@code path} lists the codes from the root, e.g. {@code /C01/C01-T1/}. */
public record Org(String code, String name, OrgType type, String parentCode, String path) {

    public boolean isWithin(Org ancestor) {
        return path.startsWith(ancestor.path());
    }
}
