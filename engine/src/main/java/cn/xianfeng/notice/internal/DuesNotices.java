package cn.xianfeng.notice.internal;

import cn.xianfeng.dues.DuesEvents.MemberReminded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Dues reminders (the monthly notice, a collector's 催缴) become notices after their transaction committed. */
@Component
class DuesNotices {

    private final NoticeWriter writer;

    DuesNotices(NoticeWriter writer) {
        this.writer = writer;
    }

    @ApplicationModuleListener
    void on(MemberReminded e) {
        writer.notice(e.username(), e.kind(), e.text(), null, null);
    }
}
