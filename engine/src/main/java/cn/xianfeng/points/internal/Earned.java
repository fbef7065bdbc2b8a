package cn.xianfeng.points.internal;

import java.time.Instant;
import java.time.YearMonth;

/**
 * One thing an audit event earns before the table prices it: for whom ({@code subjectKind} MEMBER or BRANCH), what
 * within the event ({@code item}: a dues month, or "-"), the event kind the table reads, when it happened and the
 * month it counts for. {@code negate}: a reversal, priced as the original and counted negative.
 */
record Earned(long eventId, String subjectKind, String subject, String item, String kind, String meetingType,
              int rate, Instant at, YearMonth period, String caseId, boolean negate) {

    static final String MEMBER = "MEMBER";
    static final String BRANCH = "BRANCH";

    String key() {
        return Keys.of(eventId, subjectKind, subject, item);
    }
}
