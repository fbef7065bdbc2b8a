package cn.xianfeng.meeting;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.meeting.MeetingTypes.MeetingRecord;
import cn.xianfeng.workflow.CaseStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan → notify → record → confirm → archived, absences with reasons, amendments, and the minutes PDF. */
class MeetingRecordTest extends MeetingTestSupport {

    @Test
    void planToArchiveWithAnAbsentMembersReasonAndTheMinutesPdfShowsAttendanceAndVotes() throws Exception {
        Branch b = branch();
        String caseId = plan(b, "BRANCH_GENERAL", b.s());

        // notified: the roll is the branch's party members; only full members vote
        MeetingRecord planned = meetings.record(caseId, b.s());
        assertThat(planned.attendees()).extracting(Attendee::username)
                .containsExactlyInAnyOrder(b.s(), b.c(), b.m1(), b.m2(), b.p());
        assertThat(planned.attendees()).filteredOn(Attendee::votes).hasSize(4);
        assertThat(planned.attendees()).allMatch(a -> a.response().equals("PENDING"));

        assertThatThrownBy(() -> meetings.respond(caseId, b.m2(), false, " "))
                .isInstanceOf(InvalidInputException.class);
        meetings.respond(caseId, b.m2(), false, "外出务工，已向支部书记请假");
        for (String u : List.of(b.s(), b.c(), b.m1(), b.p())) {
            meetings.respond(caseId, u, true, null);
        }
        assertThatThrownBy(() -> meetings.respond(caseId, "sec2", true, null)).hasMessageContaining("应到名单");

        String photo1 = png(b, "会场1.png", Color.RED);
        String photo2 = png(b, "会场2.png", Color.BLUE);
        complete(caseId, "record", b.c(), record(b, "photos", List.of(photo1, photo2),
                "resolutions", List.of(row("同意接收张某为预备党员", 3, 0, 0), row("同意党小组调整方案", 2, 1, 0)),
                "entitled", 4, "present", 3));
        complete(caseId, "confirm", b.s(), Map.of("decision", "APPROVE"));

        MeetingRecord m = meetings.record(caseId, b.s());
        assertThat(cases.view(caseId, b.s()).status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(m.archived()).isTrue();
        assertThat(m.expected()).isEqualTo(5);
        assertThat(m.presentCount()).isEqualTo(4);
        assertThat(m.attendees()).filteredOn(a -> a.username().equals(b.m2())).singleElement()
                .satisfies(a -> {
                    assertThat(a.present()).isFalse();
                    assertThat(a.reason()).isEqualTo("外出务工，已向支部书记请假");
                });
        // entitled and present voters come from the roll and the attendance, not from what was typed
        assertThat(m.resolutions()).hasSize(2).first().satisfies(r -> {
            assertThat(r.entitled()).isEqualTo(4);
            assertThat(r.present()).isEqualTo(3);
            assertThat(r.yes()).isEqualTo(3);
            assertThat(r.meetingDate()).isEqualTo(LocalDate.now(clock));
            assertThat(r.passed()).isTrue();
        });
        assertThat(m.resolutions().get(1).passed()).isFalse();
        assertThat(m.keyPhrases()).isNotEmpty().anyMatch(k -> k.contains("党员"));
        assertThat(attachments.ofCase(caseId)).extracting(a -> a.id()).contains(photo1, photo2);

        assertThat(meetings.mine(b.m2(), LocalDate.now(clock).getYear()).missed()).extracting(x -> x.caseId())
                .contains(caseId);
        assertThat(meetings.mine(b.m1(), LocalDate.now(clock).getYear()).attended()).extracting(x -> x.caseId())
                .contains(caseId);

        try (PDDocument pdf = Loader.loadPDF(meetings.minutesPdf(caseId, b.s()))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("支部党员大会会议记录").contains("应到 5 人，实到 4 人，缺席 1 人")
                    .contains("外出务工").contains("同意接收张某为预备党员").contains("未通过")
                    .contains("主持人").contains("记录人");
            assertThat(pdf.getPage(0).getResources().getXObjectNames()).isNotNull();
        }
        byte[] minutes = meetings.minutesPdf(caseId, b.s());
        // (the fixture's branch is named after its code, so only the orgs above are checked by code)
        cn.xianfeng.evidence.PdfText.assertNoInternalCodes(minutes, "K", "K-T");
        cn.xianfeng.evidence.PdfAssertions.assertPdfA2b(minutes);
        assertThat(documents.checkSignature(minutes).valid()).as("signed").isTrue();
    }

    @Test
    void votesBeyondThoseSignedInAndPhotosThatAreNotImagesAreRefusedAndChangeNothing() throws Exception {
        Branch b = branch();
        String caseId = plan(b, "BRANCH_COMMITTEE", b.c());
        // a committee meeting expects only the secretary and committee members
        assertThat(meetings.record(caseId, b.s()).attendees()).extracting(Attendee::username)
                .containsExactlyInAnyOrder(b.s(), b.c());

        assertThatThrownBy(() -> complete(caseId, "record", b.c(), record(b, "attendees", List.of(b.s(), b.c()),
                "resolutions", List.of(row("通过某事项", 3, 0, 0)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("超过实到");
        String sheet = attachments.store(null, "签到表.pdf", new ByteArrayInputStream("%PDF-1.4\n%sign\n".getBytes()),
                b.c(), b.code()).id();
        assertThatThrownBy(() -> complete(caseId, "record", b.c(), record(b, "photos", List.of(sheet))))
                .isInstanceOf(UnsupportedTypeException.class);
        assertThat(task(caseId, "record")).isNotNull();

        // a sign-in sheet may be a PDF
        complete(caseId, "record", b.c(), record(b, "attendees", List.of(b.s(), b.c()), "signIn", List.of(sheet)));
        assertThat(meetings.record(caseId, b.s()).signIn()).containsExactly(sheet);
    }

    @Test
    void voteCountsUseTheNamesTheApiFixesAndMustAgreeWithTheRollAndEveryBadCellIsNamed() {
        Branch b = branch();
        String caseId = plan(b, "BRANCH_GENERAL", b.s());
        // the roll has four full members: a recorder who counts five is told what the roll says
        assertThatThrownBy(() -> complete(caseId, "record", b.c(), record(b, "attendees", List.of(b.s(), b.c()),
                "entitled", 5, "present", 2, "resolutions", List.of(row("通过某事项", 2, 0, 0)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("按名册和签到为 4 人");
        // each bad cell is reported on its own, with its row and column
        assertThatThrownBy(() -> complete(caseId, "record", b.c(), record(b, "resolutions",
                List.of(Map.of("text", "甲事项", "yes", "多数", "no", 0, "abstain", 0),
                        Map.of("text", "乙事项", "yes", 1, "no", -1, "abstain", 0, "colour", "red")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactlyInAnyOrder("data.resolutions[0].yes", "data.resolutions[1].no",
                                "data.resolutions[1].colour"));
        assertThat(task(caseId, "record")).isNotNull();
        complete(caseId, "record", b.c(), record(b, "attendees", List.of(b.s(), b.c(), b.m1()), "entitled", 4,
                "present", 3, "resolutions", List.of(row("通过某事项", 3, 0, 0))));
        assertThat(meetings.record(caseId, b.s()).resolutions()).singleElement().satisfies(r -> {
            assertThat(r.entitled()).isEqualTo(4);
            assertThat(r.present()).isEqualTo(3);
            assertThat(r.passed()).isTrue(); // 3 of 4 entitled: more than half
        });
    }

    @Test
    void theRecordStartsFromThePlanItCarriesForward() {
        Branch b = branch();
        String caseId = plan(b, "BRANCH_COMMITTEE", b.s());
        var detail = tasks.get(task(caseId, "record").getId(), b.c());
        assertThat(detail.values()).containsEntry("place", "党员活动室").containsEntry("host", b.s())
                .containsEntry("recorder", b.c()).containsKey("agenda").doesNotContainKeys("meetingDate", "resolutions");
    }

    private static Map<String, Object> row(String text, int yes, int no, int abstain) {
        return Map.of("text", text, "yes", yes, "no", no, "abstain", abstain);
    }

    @Test
    void onlyTheBranchsSecretaryOrCommitteePlansAndTheSecretaryMayReturnTheRecord() throws Exception {
        Branch b = branch();
        assertThatThrownBy(() -> plan(b, "LECTURE", b.m1())).isInstanceOf(ForbiddenException.class);
        // another branch's secretary may not even name this branch's people (they are outside what they may pick)
        assertThatThrownBy(() -> plan(b, "LECTURE", "sec2")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("不在您可选择的人员范围内");

        String caseId = plan(b, "LECTURE", b.s());
        complete(caseId, "record", b.c(), record(b));
        complete(caseId, "confirm", b.s(), Map.of("decision", "REJECT", "reason", "缺少签到表"));
        complete(caseId, "record", b.c(), record(b, "minutes", "党课：学习党章，重温入党誓词。"));
        assertThat(meetings.record(caseId, b.s()).minutes()).isEqualTo("党课：学习党章，重温入党誓词。");
        assertThat(meetings.record(caseId, b.s()).archived()).isFalse();
        assertThatThrownBy(() -> meetings.amend(caseId, "x", "y", b.s())).isInstanceOf(ConflictException.class);
    }

    @Test
    void afterArchivingARecordIsCorrectedOnlyByAnAuditedAmendmentAndTheMinutesAreReissued() throws Exception {
        Branch b = branch();
        String caseId = plan(b, "THEME_DAY", b.s());
        complete(caseId, "record", b.c(), record(b));
        complete(caseId, "confirm", b.s(), Map.of("decision", "APPROVE"));
        String first = meetings.record(caseId, b.s()).minutesCode();

        assertThatThrownBy(() -> meetings.amend(caseId, "记录有误", "更正", b.m1())).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> meetings.amend(caseId, " ", "更正", b.s())).isInstanceOf(InvalidInputException.class);
        var amendment = meetings.amend(caseId, "结束时间记录有误", "会议结束时间更正为 16:30", b.s());

        MeetingRecord m = meetings.record(caseId, b.s());
        assertThat(m.amendments()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(amendment.id());
            assertThat(a.reason()).isEqualTo("结束时间记录有误");
            assertThat(a.author()).isEqualTo(b.s());
        });
        assertThat(m.endTime()).isEqualTo("16:00"); // the record itself is never edited
        assertThat(cases.history(caseId, b.s())).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("MEETING_AMENDED");
            assertThat(h.data()).containsEntry("reason", "结束时间记录有误");
        });
        assertThat(m.minutesCode()).isNotEqualTo(first);
        try (PDDocument pdf = Loader.loadPDF(meetings.minutesPdf(caseId, b.s()))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("更正记录").contains("16:30");
        }
        assertThatThrownBy(() -> cases.attach(caseId, "x.png", new ByteArrayInputStream(new byte[]{1}), b.s()))
                .isInstanceOf(ConflictException.class);
    }
}
