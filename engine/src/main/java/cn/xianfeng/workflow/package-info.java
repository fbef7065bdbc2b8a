/**
 * Flowable configuration, forms, the task facade and the who-owes-what queries.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.workflow;
