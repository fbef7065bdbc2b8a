package cn.xianfeng.portal.api;

import cn.xianfeng.meeting.MeetingCompliance;
import cn.xianfeng.meeting.MeetingTypes.Amendment;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.meeting.MeetingTypes.Grid;
import cn.xianfeng.meeting.MeetingTypes.MeetingRecord;
import cn.xianfeng.meeting.MeetingTypes.MyYear;
import cn.xianfeng.meeting.Meetings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;

/** Meeting records: the record, answering a notice, amendments, the minutes PDF, compliance, a member's year. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.MEETINGS)
@RestController
@RequestMapping("/api")
class MeetingApi {

    private final Meetings meetings;
    private final MeetingCompliance compliance;
    private final Clock clock;

    MeetingApi(Meetings meetings, MeetingCompliance compliance, Clock clock) {
        this.meetings = meetings;
        this.compliance = compliance;
        this.clock = clock;
    }

    record AttendanceRequest(@NotNull Boolean attending, @Size(max = 500) String reason) {
    }

    record AmendmentRequest(@Size(max = 1000) String reason, @Size(max = 5000) String text) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A meeting record: plan, roll with answers, record, resolutions, amendments")
    @GetMapping("/meetings/{caseId}")
    MeetingRecord record(@PathVariable String caseId, Principal user) {
        return meetings.record(caseId, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Answer a meeting notice: attend, or ask leave with a reason")
    @PostMapping("/meetings/{caseId}/attendance")
    Attendee attendance(@PathVariable String caseId, @Valid @RequestBody AttendanceRequest r, Principal user) {
        return meetings.respond(caseId, user.getName(), r.attending(), r.reason());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Amend an archived meeting record with a reason; the minutes are reissued and the old PDF voided")
    @PostMapping("/cases/{id}/amendments")
    @ResponseStatus(HttpStatus.CREATED)
    Amendment amend(@PathVariable String id, @Valid @RequestBody AmendmentRequest r, Principal user) {
        return meetings.amend(id, r.reason(), r.text(), user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A meeting's minutes (PDF)")
    @GetMapping(value = "/cases/{id}/minutes.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> minutes(@PathVariable String id, Principal user) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"minutes-" + id + ".pdf\"")
                .body(meetings.minutesPdf(id, user.getName()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "会议督查: meeting compliance of the branches of an org's subtree per period")
    @GetMapping("/meetings/compliance")
    Grid compliance(@RequestParam String org, Principal user) {
        return compliance.grid(org, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "我的会议: my meetings of a year")
    @GetMapping("/me/meetings")
    MyYear mine(@RequestParam(required = false) Integer year, Principal user) {
        return meetings.mine(user.getName(), year == null ? LocalDate.now(clock).getYear() : year);
    }
}
