/**
 * Search over cases, tasks and audit events: Elasticsearch when configured, PostgreSQL otherwise.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.search;
