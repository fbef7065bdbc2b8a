/**
 * Org tree, people, member status, roles held in orgs, and who may act where.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.org;
