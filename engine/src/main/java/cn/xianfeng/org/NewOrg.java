package cn.xianfeng.org;

/** What it takes to add an org to the tree. */
public record NewOrg(String code, String name, OrgType type, String parentCode) {
}
