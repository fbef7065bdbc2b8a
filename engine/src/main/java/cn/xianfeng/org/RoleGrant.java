package cn.xianfeng.org;

/** A role held in an org. Its Flowable candidate group is {@code ROLE@ORGCODE}. */
public record RoleGrant(Role role, String orgCode) {

    public String group() {
        return group(role, orgCode);
    }

    public static String group(Role role, String orgCode) {
        return role.name() + "@" + orgCode;
    }
}
