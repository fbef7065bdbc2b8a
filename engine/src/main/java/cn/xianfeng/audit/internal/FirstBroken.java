package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditVerification;

/** Keeps the broken event with the lowest id; damage that names no event (id 0) counts only when nothing else does. */
final class FirstBroken {

    private AuditVerification.Broken first;

    void offer(long id, String reason) {
        if (first == null || rank(id) < rank(first.id())) {
            first = new AuditVerification.Broken(id, reason);
        }
    }

    AuditVerification.Broken get() {
        return first;
    }

    private static long rank(long id) {
        return id > 0 ? id : Long.MAX_VALUE;
    }
}
