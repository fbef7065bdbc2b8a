package cn.xianfeng.search;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Page;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import cn.xianfeng.search.internal.SearchIndex;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Full-text search over cases, tasks and the audit trail, limited to the subtrees the viewer may read. */
@Service
public class Search {

    private static final Set<Role> READERS = EnumSet.of(Role.AUDITOR, Role.ADMIN, Role.ORG_DEPARTMENT,
            Role.SECRETARY, Role.COMMITTEE_REVIEWER);

    private final SearchIndex index;
    private final People people;
    private final Orgs orgs;

    Search(SearchIndex index, People people, Orgs orgs) {
        this.index = index;
        this.people = people;
        this.orgs = orgs;
    }

    /** {@code kind}: null for every kind. */
    public record Request(String q, Kind kind, String process, String org, String actor, String action, Instant from,
                          Instant to, int page, int size) {

        public Request(String q, String process, String org, String actor, String action, Instant from, Instant to,
                       int page, int size) {
            this(q, null, process, org, actor, action, from, to, page, size);
        }
    }

    public SearchResult search(Request r, String viewer) {
        Person person = people.get(viewer);
        List<String> paths = person.superuser() ? null : person.roles().stream()
                .filter(g -> READERS.contains(g.role())).map(g -> orgs.get(g.orgCode()).path()).distinct().toList();
        if (paths != null && paths.isEmpty()) {
            throw new ForbiddenException(Refusal.of("search.notAllowed"));
        }
        if (r.q() != null && r.q().length() > 200) {
            throw InvalidInputException.of("q", Refusal.of("search.queryMax200"));
        }
        String orgPath = r.org() == null || r.org().isBlank() ? null : orgs.get(r.org()).path();
        return index.search(new SearchQuery(r.q(), r.kind(), r.process(), orgPath, r.actor(), r.action(), r.from(), r.to(), paths,
                Math.max(0, r.page()), Page.clampSize(r.size())));
    }

    /** Which store answers: "elasticsearch" or "postgresql". */
    public String backend() {
        return index.name();
    }

    public long indexed() {
        return index.count();
    }
}
