package cn.xianfeng.meeting.internal;

import cn.xianfeng.evidence.Documents;
import org.springframework.stereotype.Component;

/** Reissues the minutes after an amendment: the new PDF shows it, the old one verifies as void, replaced. */
@Component
public class Minutes {

    private final MinutesPdf pdf;
    private final MeetingRows rows;
    private final Documents documents;

    Minutes(MinutesPdf pdf, MeetingRows rows, Documents documents) {
        this.pdf = pdf;
        this.rows = rows;
        this.documents = documents;
    }

    public void reissue(String caseId, String previousCode, String actor) {
        String code = pdf.issue(caseId, actor);
        rows.minutesCode(caseId, code);
        if (previousCode != null) {
            documents.voidDocument(previousCode, "会议记录已更正", code, actor);
        }
    }
}
