package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.internal.NameSpelling;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finding people and orgs by what a person types (a name or part of it, pinyin initials, full pinyin, a username
 * or code) for pickers and filters, only among those the viewer may see: the subtrees of the orgs where they hold
 * a role, and their own branch; everyone for the bootstrap administrator. Branches anywhere are listed only when
 * asked for transfer destinations (the rules let a member move to any branch): names and codes, never people.
 */
@Service
public class Lookups {

    /** Longest query accepted, and the most matches returned. */
    public static final int MAX_QUERY = 32;
    public static final int MAX_RESULTS = 20;
    private static final Set<OrgType> EVERYWHERE = Set.of(OrgType.BRANCH, OrgType.GENERAL_BRANCH);
    private static final List<String> GONE = List.of(MemberStatus.TRANSFERRED_OUT.name(), MemberStatus.DECEASED.name(),
            MemberStatus.EXPELLED.name());

    private final JdbcClient jdbc;
    private final OrgAuthority authority;
    private final NameSpelling spelling;

    Lookups(JdbcClient jdbc, OrgAuthority authority, NameSpelling spelling) {
        this.jdbc = jdbc;
        this.authority = authority;
        this.spelling = spelling;
    }

    /** A person as a picker lists them; {@code org} is the name of their org. */
    public record PersonMatch(String username, String name, String org, String orgCode) {
    }

    /** An org as a picker lists it; {@code org} is the name of the org above it. */
    public record OrgMatch(String code, String name, String org, OrgType type) {
    }


    /**
     * @param types only orgs of these types (empty: any)
     * @param everywhere list branches outside the viewer's scope too (transfer destinations); other types never
     */
    public List<OrgMatch> orgs(String viewer, String query, Collection<OrgType> types, boolean everywhere, int limit) {
        String q = clean(query);
        spelling.fill();
        Scope scope = scope(viewer);
        List<String> wanted = (types == null || types.isEmpty() ? List.of(OrgType.values()) : List.copyOf(types))
                .stream().filter(t -> !everywhere || EVERYWHERE.contains(t)).map(Enum::name).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select o.code, o.name, o.type, up.name as up_name from org_unit o
                  left join org_unit up on up.code = o.parent_code
                 where (? or o.path like any(?))
                   and o.type = any(?)
                   and (? = '' or lower(o.name) like ? escape '\\' or lower(o.code) like ? escape '\\'
                        or o.name_initials like ? escape '\\' or o.name_pinyin like ? escape '\\')
                 order by (lower(o.name) = ?) desc, (lower(o.code) = ?) desc, o.path
                 limit ?""")
                .params(everywhere || scope.all(), scope.patterns(), wanted.toArray(String[]::new), q, contains(q),
                        starts(q), starts(q), starts(q), q, q, bounded(limit))
                .query((rs, i) -> new OrgMatch(rs.getString("code"), rs.getString("name"), rs.getString("up_name"),
                        OrgType.valueOf(rs.getString("type")))).list();
    }

    /** The person a filter or a form names by username or by exact name, if the viewer may see exactly one. */
    public Resolved<PersonMatch> resolvePerson(String viewer, String text) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            return new Resolved<>(Optional.empty(), List.of());
        }
        List<PersonMatch> found = people(viewer, q, MAX_RESULTS);
        return Resolved.of(found, m -> m.username().equalsIgnoreCase(q), m -> m.name().equals(q));
    }

    /** The org a filter or a form names by code or by exact name, if the viewer may see exactly one. */
    public Resolved<OrgMatch> resolveOrg(String viewer, String text, Collection<OrgType> types, boolean everywhere) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            return new Resolved<>(Optional.empty(), List.of());
        }
        List<OrgMatch> found = orgs(viewer, q, types, everywhere, MAX_RESULTS);
        return Resolved.of(found, m -> m.code().equalsIgnoreCase(q), m -> m.name().equals(q));
    }

    /** Whether the viewer may see (and so pick) this person. */
    public boolean mayPick(String viewer, String username) {
        Scope scope = scope(viewer);
        return jdbc.sql("""
                select exists (select 1 from person p join org_unit o on o.code = p.org_code
                                where p.username = ? and (? or o.path like any(?)))""")
                .params(username, scope.all(), scope.patterns()).query(Boolean.class).single();
    }

    /** A named person as a form may take them: unknown, outside the viewer's scope, or pickable. */
    public enum Pick { UNKNOWN, OUT_OF_SCOPE, PICKABLE }

    /**
     * Whether the person exists and the viewer may see (and so pick) them, in one statement: {@link #mayPick}'s rule
     * (the viewer's role orgs and own branch as subtrees, everything for the bootstrap administrator) with the
     * person's existence beside it.
     */
    public Pick pick(String viewer, String username) {
        return jdbc.sql("""
                select p.username is not null,
                       o.code is not null and (coalesce(v.superuser, false) or exists (
                           select 1 from (select h.path from role_assignment r join org_unit h on h.code = r.org_code
                                           where r.username = :viewer
                                          union
                                          select b.path from person vp join org_unit vo on vo.code = vp.org_code
                                            join org_unit b on b.code = case when vo.type = 'GROUP' then vo.parent_code
                                                                             else vo.code end
                                           where vp.username = :viewer) s
                            where starts_with(o.path, s.path)))
                  from (select 1) one
                  left join person p on p.username = :username
                  left join org_unit o on o.code = p.org_code
                  left join person v on v.username = :viewer""")
                .param("viewer", viewer).param("username", username)
                .query((rs, i) -> !rs.getBoolean(1) ? Pick.UNKNOWN : rs.getBoolean(2) ? Pick.PICKABLE : Pick.OUT_OF_SCOPE)
                .single();
    }

    /** Whether the viewer may see (and so pick) this org. */
    public boolean mayPickOrg(String viewer, String code) {
        Scope scope = scope(viewer);
        return jdbc.sql("select exists (select 1 from org_unit o where o.code = ? and (? or o.path like any(?)))")
                .params(code, scope.all(), scope.patterns()).query(Boolean.class).single();
    }

    /**
     * What a typed text resolved to: the one match (an exact username or code first, else the one exact name), or
     * the candidates to choose from when it names several or none exactly.
     */
    public record Resolved<T>(Optional<T> match, List<T> candidates) {

        static <T> Resolved<T> of(List<T> found, java.util.function.Predicate<T> exactKey,
                                  java.util.function.Predicate<T> exactName) {
            Optional<T> key = found.stream().filter(exactKey).findFirst();
            if (key.isPresent()) {
                return new Resolved<>(key, List.of());
            }
            List<T> named = found.stream().filter(exactName).toList();
            if (named.size() == 1) {
                return new Resolved<>(Optional.of(named.get(0)), List.of());
            }
            if (found.size() == 1 && named.isEmpty()) {
                return new Resolved<>(Optional.of(found.get(0)), List.of());
            }
            return new Resolved<>(Optional.empty(), named.isEmpty() ? found : named);
        }
    }

    public List<PersonMatch> people(String viewer, String query, int limit) {
        String q = clean(query);
        spelling.fill();
        Scope scope = scope(viewer);
        return jdbc.sql("""
                select p.username, p.name, p.org_code, o.name as org_name from person p
                  join org_unit o on o.code = p.org_code
                 where (? or o.path like any(?))
                   and (p.status is null or p.status <> all(?))
                   and (? = '' or lower(p.name) like ? escape '\\' or lower(p.username) like ? escape '\\'
                        or p.name_initials like ? escape '\\' or p.name_pinyin like ? escape '\\')
                 order by (lower(p.name) = ?) desc, (lower(p.username) = ?) desc, length(p.name), p.name, p.username
                 limit ?""")
                .params(scope.all(), scope.patterns(), GONE.toArray(String[]::new), q, contains(q), starts(q),
                        starts(q), starts(q), q, q, bounded(limit))
                .query((rs, i) -> new PersonMatch(rs.getString("username"), rs.getString("name"),
                        rs.getString("org_name"), rs.getString("org_code"))).list();
    }

    /** The viewer's subtrees as LIKE patterns over org paths; everything for the bootstrap administrator. */
    private Scope scope(String viewer) {
        if (authority.isSuperuser(viewer)) {
            return new Scope(true, new String[0]);
        }
        List<String> paths = jdbc.sql("""
                select o.path from role_assignment r join org_unit o on o.code = r.org_code where r.username = ?
                union
                select b.path from person p join org_unit o on o.code = p.org_code
                  join org_unit b on b.code = case when o.type = 'GROUP' then o.parent_code else o.code end
                 where p.username = ?""")
                .params(viewer, viewer).query(String.class).list();
        return new Scope(false, paths.stream().map(Orgs::likePrefix).toArray(String[]::new));
    }

    private record Scope(boolean all, String[] patterns) {
    }

    private static String clean(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.codePointCount(0, q.length()) > MAX_QUERY) {
            throw InvalidInputException.of("q", Refusal.of("org.queryMax", String.valueOf(MAX_QUERY)));
        }
        if (q.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("q", Refusal.of("org.queryControl"));
        }
        return q;
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, MAX_RESULTS));
    }

    private static String escape(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String contains(String q) {
        return "%" + escape(q) + "%";
    }

    private static String starts(String q) {
        return escape(q) + "%";
    }
}
