package cn.xianfeng.portal.web;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.Page;
import cn.xianfeng.portal.security.AuditorReads;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchTypes.SearchResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * 审计检索: full-text search over the viewer's subtrees with filters, facets and paging (htmx swaps the results
 * in place; without script the same URL renders the whole page), and the 校验 of the whole audit trail.
 */
@Controller
class AuditSearchPages {

    static final int PAGE_SIZE = 20;

    private final Search search;
    private final AuditTrail audit;
    private final AuditorReads readers;
    private final AuditFacets facets;
    private final Clock clock;
    private final NameFilters names;

    AuditSearchPages(Search search, AuditTrail audit, AuditorReads readers, AuditFacets facets, Clock clock,
                     NameFilters names) {
        this.names = names;
        this.search = search;
        this.audit = audit;
        this.readers = readers;
        this.facets = facets;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String home() {
        return "redirect:/audit/search";
    }

    @GetMapping("/audit/search")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String process,
                  @RequestParam(required = false) String org, @RequestParam(required = false) String actor,
                  @RequestParam(name = "_pick.actor", required = false) String typedActor,
                  @RequestParam(required = false) String action,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestHeader(name = "HX-Request", required = false) String htmx,
                  @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Principal user, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        readers.requireAuditReader(user.getName());
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", blankToNull(q));
        filters.put("kind", blankToNull(kind));
        filters.put("process", blankToNull(process));
        filters.put("org", blankToNull(org));
        // the actor by name (张三) or pinyin initials as well as by username; several matches are offered to choose
        NameFilters.Filter actorFilter = names.person(user.getName(), actor, typedActor);
        model.addAttribute("actorFilter", actorFilter);
        filters.put("actor", actorFilter.value());
        filters.put("action", blankToNull(action));
        filters.put("from", from == null ? null : from.toString());
        filters.put("to", to == null ? null : to.toString());
        fill(filters, from, to, Math.max(0, page), true, user, request, response, locale, model);
        if (htmx == null || restore != null) {
            return "audit-search";
        }
        // htmx swaps only 2xx answers: the refusal is shown in the swapped part instead
        response.setStatus(200);
        return "audit-search :: results";
    }

    /** A kind the index does not know is refused like any other bad filter (400 on the page). */
    private static cn.xianfeng.search.SearchTypes.Kind kindOf(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return cn.xianfeng.search.SearchTypes.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("kind", Refusal.of("audit.unknownKind", kind));
        }
    }

    private void fill(Map<String, String> filters, LocalDate from, LocalDate to, int current, boolean logRead,
                      Principal user, HttpServletRequest request, HttpServletResponse response, Locale locale,
                      Model model) {
        model.addAttribute("filters", filters);
        model.addAttribute("page", current);
        model.addAttribute("orgs", facets.auditedOrgs(user.getName()));
        model.addAttribute("actions", AuditActions.labelled(locale));
        try {
            Instant start = from == null ? null : from.atStartOfDay(clock.getZone()).toInstant();
            Instant end = to == null ? null : to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
            SearchResult result = search.search(new Search.Request(filters.get("q"), kindOf(filters.get("kind")),
                    filters.get("process"),
                    filters.get("org"), filters.get("actor"), filters.get("action"), start, end, current, PAGE_SIZE),
                    user.getName());
            if (logRead) {
                readers.record(user.getName(), ReadKind.SEARCH, null, AuditorReads.searchDetail(filters), request);
            }
            model.addAttribute("result", result);
            model.addAttribute("hits", result.items().stream()
                    .map(h -> new AuditFacets.Hit(h, Highlighted.of(h.highlight()))).toList());
            model.addAttribute("facets", facets.of(result.facets(), filters, locale));
            model.addAttribute("pages", (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            model.addAttribute("prev", current > 0 ? facets.href(filters, current - 1) : null);
            model.addAttribute("next", (long) (current + 1) * PAGE_SIZE < result.total()
                    ? facets.href(filters, current + 1) : null);
        } catch (InvalidInputException | NotFoundException e) {
            // a query too long or an org that does not exist: say so on the page, keep what was typed
            response.setStatus(400);
            model.addAttribute("problem", Refusals.text(e));
        }
    }

    /** 校验: the whole trail, every chain, heads and the latest anchor. */
    @PostMapping("/audit/verify")
    String verifyTrail(@RequestHeader(name = "HX-Request", required = false) String htmx, Principal user,
                       HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        readers.requireAuditReader(user.getName());
        AuditVerification result = audit.verify();
        readers.record(user.getName(), ReadKind.TRAIL_VERIFIED, null, AuditorReads.verificationDetail(result), request);
        model.addAttribute("trail", result);
        model.addAttribute("trailAt", clock.instant());
        if (htmx != null) {
            return "fragments/verification :: trail";
        }
        // without script: the search page with the outcome on top; the latest events below are not a search of theirs
        Map<String, String> none = new LinkedHashMap<>();
        fill(none, null, null, 0, false, user, request, response, locale, model);
        return "audit-search";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
