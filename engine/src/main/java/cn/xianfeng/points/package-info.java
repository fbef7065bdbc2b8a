/**
 * Points (积分) and the branch vanguard index (先锋指数): an append-only ledger derived from the audit trail by the
 * county's table processes/points.dmn (meetings attended, leave, absence, dues paid on time, admission steps on time;
 * meetings held and admission steps overdue for branches), idempotent by event, with monthly caps per category;
 * a rebuild recomputes every entry from the trail and appends corrections for what differs.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.points;
