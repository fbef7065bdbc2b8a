package cn.xianfeng.points.internal;

import java.time.Instant;
import java.util.Map;

/** The fields of an audit event the derivation reads. */
record TrailEvent(long id, String xid, long seq, Instant at, String actor, String orgCode, String action,
                  String caseId, String taskId, String stepId, Map<String, Object> data) {
}
