package cn.xianfeng.notice.internal;

import cn.xianfeng.admission.ThoughtReportReminded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** The quarterly 思想汇报 reminder becomes a notice after its transaction committed. */
@Component
class ThoughtReportNotices {

    private final NoticeWriter writer;

    ThoughtReportNotices(NoticeWriter writer) {
        this.writer = writer;
    }

    @ApplicationModuleListener
    void on(ThoughtReportReminded e) {
        writer.notice(e.username(), "THOUGHT_REPORT_REMINDER", e.text(), null, null);
    }
}
