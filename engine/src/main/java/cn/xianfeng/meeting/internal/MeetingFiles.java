package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Photos and sign-in sheets of a record. Attachments already refused oversize files and files whose content
 * is not what their name says; here photos must be images and sign-in sheets images or PDFs, and a file
 * uploaded for another case cannot be borrowed.
 */
@Component
class MeetingFiles {

    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg");
    private static final Set<String> SHEETS = Set.of("image/png", "image/jpeg", "application/pdf");

    private final Attachments attachments;

    MeetingFiles(Attachments attachments) {
        this.attachments = attachments;
    }

    void check(String caseId, List<String> photos, List<String> signIn) {
        check(caseId, "photos", photos, IMAGES, "会议照片只接受 JPEG、PNG");
        check(caseId, "signIn", signIn, SHEETS, "签到表只接受 JPEG、PNG、PDF");
    }

    private void check(String caseId, String field, List<String> ids, Set<String> types, String message) {
        for (String id : ids) {
            Attachment a = attachments.find(id)
                    .orElseThrow(() -> InvalidInputException.of("data." + field, "附件不存在：" + id));
            if (a.caseId() != null && !a.caseId().equals(caseId)) {
                throw InvalidInputException.of("data." + field, "附件属于其他案件：" + a.name());
            }
            if (!types.contains(a.type())) {
                throw new UnsupportedTypeException(message + "（" + a.name() + "）");
            }
        }
    }

    void bind(List<String> photos, List<String> signIn, String caseId) {
        List<String> all = new ArrayList<>(photos);
        all.addAll(signIn);
        attachments.bind(all, caseId);
    }
}
