package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.portal.security.AuditorReads;
import jakarta.servlet.http.HttpServletRequest;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchTypes.SearchResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.ZoneId;

@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.AUDIT)
@RestController
@RequestMapping("/api")
class AuditApi {

    private final AuditTrail audit;
    private final Search search;
    private final People people;
    private final ZoneId zone;
    private final AuditorReads reads;
    private final cn.xianfeng.workflow.Cases cases;

    AuditApi(AuditTrail audit, Search search, People people, java.time.Clock clock, AuditorReads reads,
             cn.xianfeng.workflow.Cases cases) {
        this.reads = reads;
        this.cases = cases;
        this.audit = audit;
        this.search = search;
        this.people = people;
        this.zone = clock.getZone();
    }

    /**
     * The whole trail is checked, or with {@code case} that case's chain (a case the caller may see, 404 otherwise);
     * only administrators and auditors may ask.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Verify the hash-chained audit trail, or one case's chain (administrators and auditors)")
    @GetMapping("/audit/verify")
    AuditVerification verify(@RequestParam(name = "case", required = false) String caseId, Principal user,
                             HttpServletRequest request) {
        Person p = people.get(user.getName());
        if (!p.superuser() && p.roles().stream().noneMatch(r -> r.role() == Role.AUDITOR || r.role() == Role.ADMIN)) {
            throw new ForbiddenException(Refusal.of("audit.verifyNotAllowed"));
        }
        if (caseId != null) {
            cases.view(caseId, user.getName());
        }
        AuditVerification result = caseId == null ? audit.verify() : audit.verifyChain(caseId);
        reads.record(user.getName(), caseId == null ? ReadKind.TRAIL_VERIFIED : ReadKind.CHAIN_VERIFIED, caseId,
                AuditorReads.verificationDetail(result), request);
        return result;
    }

    /** Every bad parameter is named in one 400 (kind, from, to, page, size, q longer than 200). */
    @io.swagger.v3.oas.annotations.Operation(summary = "Full-text search of cases, tasks and audit events with highlights and facets (within what the caller may see)")
    @GetMapping("/search")
    SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) String process, @RequestParam(required = false) String org,
                        @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                        Principal user, HttpServletRequest request) {
        SearchResult result = search.search(SearchParameters.read(q, kind, process, org, actor, action, from, to, page,
                size, zone), user.getName());
        java.util.Map<String, Object> filters = new java.util.LinkedHashMap<>();
        filters.put("q", q);
        filters.put("kind", kind);
        filters.put("process", process);
        filters.put("org", org);
        filters.put("actor", actor);
        filters.put("action", action);
        filters.put("from", from);
        filters.put("to", to);
        reads.record(user.getName(), ReadKind.SEARCH, null, AuditorReads.searchDetail(filters), request);
        return result;
    }
}
