package cn.xianfeng.portal.api;

import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
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

@RestController
@RequestMapping("/api")
class AuditApi {

    private final AuditTrail audit;
    private final Search search;
    private final People people;
    private final ZoneId zone;

    AuditApi(AuditTrail audit, Search search, People people, java.time.Clock clock) {
        this.audit = audit;
        this.search = search;
        this.people = people;
        this.zone = clock.getZone();
    }

    /** The whole chain is checked; only administrators and auditors may ask. */
    @GetMapping("/audit/verify")
    AuditVerification verify(Principal user) {
        Person p = people.get(user.getName());
        if (!p.superuser() && p.roles().stream().noneMatch(r -> r.role() == Role.AUDITOR || r.role() == Role.ADMIN)) {
            throw new ForbiddenException("只有审计人员或管理员可以校验审计链");
        }
        return audit.verify();
    }

    /** Every bad parameter is named in one 400 (kind, from, to, page, size, q longer than 200). */
    @GetMapping("/search")
    SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) String process, @RequestParam(required = false) String org,
                        @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                        Principal user) {
        return search.search(SearchParameters.read(q, kind, process, org, actor, action, from, to, page, size, zone),
                user.getName());
    }
}
