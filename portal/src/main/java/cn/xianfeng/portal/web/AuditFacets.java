package cn.xianfeng.portal.web;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.search.SearchTypes.SearchHit;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the search page shows around the hits: facet counts with readable labels as links that add (or, when
 * chosen, remove) a filter, links to other pages of hits, and the orgs the viewer audits for the org filter.
 * Facets the page has no filter for (an index may add some) are shown as counts only.
 */
@Component
class AuditFacets {

    private static final Set<String> FILTERS = Set.of("kind", "process", "org", "actor", "action");

    private final MessageSource messages;
    private final Labels labels;
    private final People people;
    private final Orgs orgs;

    AuditFacets(MessageSource messages, Labels labels, People people, Orgs orgs) {
        this.messages = messages;
        this.labels = labels;
        this.people = people;
        this.orgs = orgs;
    }

    record Hit(SearchHit hit, Highlighted text) {
    }

    record Facet(String name, String label, List<Value> values) {
    }

    /** {@code href} null: not a filter this page knows; {@code chosen}: the filter is set to this value. */
    record Value(String key, String label, long count, String href, boolean chosen) {
    }

    List<Facet> of(Map<String, Map<String, Long>> found, Map<String, String> filters, Locale locale) {
        List<Facet> out = new ArrayList<>();
        if (found == null) {
            return out;
        }
        found.forEach((name, counts) -> {
            List<Value> values = new ArrayList<>();
            counts.forEach((key, n) -> {
                boolean chosen = key.equals(filters.get(name));
                String href = null;
                if (FILTERS.contains(name) && !key.isEmpty()) {
                    Map<String, String> next = new LinkedHashMap<>(filters);
                    next.put(name, chosen ? null : key);
                    href = href(next, 0);
                }
                values.add(new Value(key, label(name, key, locale), n == null ? 0 : n, href, chosen));
            });
            out.add(new Facet(name, messages.getMessage("audit.facet." + name, null, name, locale), values));
        });
        return out;
    }

    String label(String facet, String key, Locale locale) {
        if (key == null || key.isEmpty()) {
            return messages.getMessage("audit.facet.none", null, "—", locale);
        }
        return switch (facet) {
            case "process" -> messages.getMessage("process." + key, null, key, locale);
            case "action" -> cn.xianfeng.audit.AuditAction.labelOf(key, locale);
            case "org" -> labels.org(key);
            case "actor" -> labels.person(key);
            default -> messages.getMessage("audit.facet." + facet + "." + key, null, key, locale);
        };
    }

    /** The search page with these filters at this page (application-relative, for th:href). */
    String href(Map<String, String> filters, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/audit/search");
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                url.queryParam(k, v);
            }
        });
        if (page > 0) {
            url.queryParam("page", page);
        }
        return url.encode().build().toUriString();
    }

    /** The orgs within the subtrees the viewer audits (everything for the bootstrap administrator). */
    List<Org> auditedOrgs(String viewer) {
        Person p = people.get(viewer);
        if (p.superuser()) {
            return orgs.all();
        }
        Map<String, Org> within = new LinkedHashMap<>();
        p.roles().stream().filter(r -> r.role() == Role.AUDITOR || r.role() == Role.ADMIN)
                .forEach(r -> orgs.subtree(r.orgCode()).forEach(o -> within.putIfAbsent(o.code(), o)));
        return new ArrayList<>(within.values());
    }
}
