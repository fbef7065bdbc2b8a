/**
 * History retention: closed cases' engine history leaves Flowable's tables after a configurable period, once the
 * case's dossier is stored. Nothing is deleted silently: the history moves to an append-only archive, and the
 * audit trail records each move.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.retention;
