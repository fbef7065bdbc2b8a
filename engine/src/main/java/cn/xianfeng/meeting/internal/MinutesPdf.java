package cn.xianfeng.meeting.internal;

import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.Documents.NewDocument;
import cn.xianfeng.meeting.MeetingTypes.Amendment;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.evidence.Pdf;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The minutes as a PDF issued through Documents (kind MINUTES): header, attendance, agenda, minutes,
 * resolutions with their votes, photos as thumbnails, amendments if any, and the signature line.
 */
@Component
class MinutesPdf {

    static final String KIND = "MINUTES";

    private final Documents documents;
    private final Attachments attachments;
    private final MeetingRows rows;
    private final Orgs orgs;
    private final People people;
    private final ZoneId zone;

    MinutesPdf(Documents documents, Attachments attachments, MeetingRows rows, Orgs orgs, People people,
               java.time.Clock clock) {
        this.documents = documents;
        this.attachments = attachments;
        this.rows = rows;
        this.orgs = orgs;
        this.people = people;
        this.zone = clock.getZone();
    }

    /** Issues the minutes of an archived (or being archived) meeting; returns the document's code. */
    String issue(String caseId, String actor) {
        MeetingRows.Row m = rows.find(caseId).orElseThrow();
        List<Attendee> roll = rows.attendees(caseId);
        List<Amendment> amendments = rows.amendments(caseId);
        String orgName = orgs.get(m.orgCode()).name();
        String title = orgName + m.type().label() + "会议记录";
        return documents.issue(new NewDocument(KIND, caseId, title, orgName, m.branchCode(), null), ctx -> {
            Pdf pdf = ctx.pdf();
            pdf.title(title);
            long present = roll.stream().filter(a -> Boolean.TRUE.equals(a.present())).count();
            String time = m.meetingDate() + " " + nz(m.startTime()) + (m.endTime() == null ? "" : "—" + m.endTime());
            pdf.facts(List.of(new String[]{"会议类型", m.type().label()}, new String[]{"时间", time},
                    new String[]{"地点", m.place()}, new String[]{"主持人", name(m.host())},
                    new String[]{"记录人", name(m.recorder())},
                    new String[]{"出席情况", "应到 " + roll.size() + " 人，实到 " + present + " 人，缺席 "
                            + (roll.size() - present) + " 人"}));
            pdf.heading("出席情况");
            List<String[]> attendance = new ArrayList<>();
            for (Attendee a : roll) {
                boolean here = Boolean.TRUE.equals(a.present());
                attendance.add(new String[]{a.name(), a.votes() ? "正式党员" : "预备党员", here ? "出席" : "缺席",
                        here ? "" : a.reason() == null ? "未请假" : a.reason()});
            }
            pdf.table(new String[]{"姓名", "身份", "出席", "缺席原因"}, attendance, new float[]{2, 2, 1, 4});
            if (m.absenceNotes() != null) {
                pdf.paragraph("缺席情况说明：" + m.absenceNotes());
            }
            pdf.heading("议程").paragraph(m.agenda());
            pdf.heading("会议内容").paragraph(nz(m.minutes()));
            if (!m.resolutions().isEmpty()) {
                pdf.heading("决议及表决");
                List<String[]> votes = m.resolutions().stream().map(r -> new String[]{r.text(),
                        String.valueOf(r.entitled()), String.valueOf(r.present()), String.valueOf(r.yes()),
                        String.valueOf(r.no()), String.valueOf(r.abstain()), r.passed() ? "通过" : "未通过"}).toList();
                pdf.table(new String[]{"决议", "应到", "实到", "赞成", "反对", "弃权", "结果"}, votes,
                        new float[]{5, 1, 1, 1, 1, 1, 1.4f});
            }
            if (!m.keyPhrases().isEmpty()) {
                pdf.heading("关键词").paragraph(String.join("、", m.keyPhrases()));
            }
            photos(pdf, m.photos(), m.signIn());
            if (!amendments.isEmpty()) {
                pdf.heading("更正记录");
                amendments.forEach(a -> pdf.paragraph(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                        .format(a.at().atZone(zone)) + " " + name(a.author()) + "：" + a.text() + "（理由：" + a.reason() + "）"));
            }
            pdf.signatures("主持人", "记录人", "支部书记");
            pdf.small("验证码 " + ctx.code());
        }, actor).document().code();
    }

    private void photos(Pdf pdf, List<String> photos, List<String> signIn) {
        List<String> all = new ArrayList<>(photos);
        all.addAll(signIn);
        if (all.isEmpty()) {
            return;
        }
        pdf.heading("会议照片及签到表");
        for (String id : all) {
            Attachment a = attachments.find(id).orElse(null);
            if (a == null) {
                continue;
            }
            if (MeetingFiles.IMAGES.contains(a.type())) {
                pdf.image(attachments.content(id), 160, 120);
            }
            pdf.small(a.name());
        }
    }

    private String name(String username) {
        return username == null ? "" : people.find(username).map(Person::name).orElse(username);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
