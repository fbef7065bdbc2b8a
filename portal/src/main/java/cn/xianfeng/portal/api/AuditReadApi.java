package cn.xianfeng.portal.api;

import cn.xianfeng.audit.AuditRead;
import cn.xianfeng.audit.AuditReads;
import cn.xianfeng.common.Page;
import cn.xianfeng.portal.security.AuditorReads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The auditors' read log: an auditor sees their own reads, an administrator anyone's. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.AUDIT)
@RestController
@RequestMapping("/api")
class AuditReadApi {

    private final AuditReads log;
    private final AuditorReads readers;
    private final ZoneId zone;

    AuditReadApi(AuditReads log, AuditorReads readers, Clock clock) {
        this.log = log;
        this.readers = readers;
        this.zone = clock.getZone();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The auditors' read log: an auditor's own reads, an administrator's view of anyone's")
    @GetMapping("/audit/reads")
    Page<AuditRead> reads(@RequestParam(required = false) String actor,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                          Principal user) {
        String who = readers.readableActor(user.getName(), actor);
        return log.list(who, from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), Math.max(0, page), Page.clampSize(size));
    }
}
