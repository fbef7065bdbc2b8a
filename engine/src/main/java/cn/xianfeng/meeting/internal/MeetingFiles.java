package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Photos and sign-in sheets of a record. Attachments already refused oversize files and files whose content
 * is not what their name says; here photos must be images and sign-in sheets images or PDFs, and a file
 * uploaded for another case, or by someone else and not yet bound, cannot be borrowed. The task façade binds the
 * files to the case when the record is submitted.
 */
@Component
class MeetingFiles {

    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg");
    private static final Set<String> SHEETS = Set.of("image/png", "image/jpeg", "application/pdf");

    private final Attachments attachments;

    MeetingFiles(Attachments attachments) {
        this.attachments = attachments;
    }

    void check(String caseId, List<String> photos, List<String> signIn, String actor) {
        check(caseId, "photos", photos, IMAGES, "会议照片只接受 JPEG、PNG", actor);
        check(caseId, "signIn", signIn, SHEETS, "签到表只接受 JPEG、PNG、PDF", actor);
    }

    private void check(String caseId, String field, List<String> ids, Set<String> types, String message, String actor) {
        List<String> foreign = attachments.notBindable(caseId, ids, actor);
        if (!foreign.isEmpty()) {
            throw InvalidInputException.of("data." + field, Refusal.of("common.attachmentsNotYours", String.join("、", foreign)));
        }
        for (String id : ids) {
            Attachment a = attachments.find(id).orElseThrow();
            if (!types.contains(a.type())) {
                throw new UnsupportedTypeException(message + "（" + a.name() + "）");
            }
        }
    }
}
