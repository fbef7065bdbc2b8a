/**
 * Append-only, hash-chained audit events written in the action's transaction, and their verification.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.audit;
