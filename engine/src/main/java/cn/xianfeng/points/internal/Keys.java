package cn.xianfeng.points.internal;

/** The identity of a ledger value: one event gives one value per subject and item. */
final class Keys {

    private Keys() {
    }

    static String of(long eventId, String subjectKind, String subject, String item) {
        return eventId + "|" + subjectKind + "|" + subject + "|" + item;
    }
}
