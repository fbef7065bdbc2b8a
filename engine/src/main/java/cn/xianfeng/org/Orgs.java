package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The org tree: adding orgs, finding them, and walking up to the committees above. */
@Service
public class Orgs {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final JdbcClient jdbc;
    private final OrgAuthority authority;
    private final AuditTrail audit;
    private final OrgRules rules;
    /** Orgs by code: candidate groups and form checks walk the tree on every step; any change to it drops them. */
    private final cn.xianfeng.cluster.GenerationCache<Org> byCode;
    /** Children by parent code, under the same generation: 谁欠谁 lists a subtree's children on every view. */
    private final cn.xianfeng.cluster.GenerationCache<List<Org>> childrenByCode;

    Orgs(JdbcClient jdbc, OrgAuthority authority, AuditTrail audit, OrgRules rules,
         cn.xianfeng.cluster.Generations generations) {
        this.byCode = generations.cache("orgs", 20_000);
        this.childrenByCode = generations.cache("orgs", 5_000);
        this.jdbc = jdbc;
        this.authority = authority;
        this.audit = audit;
        this.rules = rules;
    }

    @Transactional
    public Org create(NewOrg org, String actor) {
        List<InvalidInputException.Violation> problems = new ArrayList<>();
        if (org.code() == null || !CODE.matcher(org.code()).matches()) {
            problems.add(new InvalidInputException.Violation("code", Refusal.of("org.codeFormat")));
        }
        if (org.name() == null || org.name().isBlank() || org.name().length() > 200) {
            problems.add(new InvalidInputException.Violation("name", Refusal.of("org.orgNameRequired")));
        }
        if (org.type() == null) {
            problems.add(new InvalidInputException.Violation("type", Refusal.of("org.typeRequired")));
        }
        // a parent the actor cannot see is as unknown as a missing one: no existence oracle across counties
        Optional<Org> parent = org.parentCode() == null ? Optional.empty() : find(org.parentCode())
                .filter(p -> authority.maySee(actor, p.code()));
        if (org.parentCode() != null && parent.isEmpty()) {
            problems.add(new InvalidInputException.Violation("parentCode", Refusal.of("org.parentNotFound")));
        }
        if (org.parentCode() == null && org.type() != null && org.type() != OrgType.COMMITTEE) {
            problems.add(new InvalidInputException.Violation("parentCode", Refusal.of("org.parentRequired")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (parent.isPresent()) {
            rules.requireMayCreate(actor, parent.get(), org.type());
        } else {
            authority.requireSuperuser(actor);
        }
        if (find(org.code()).isPresent()) {
            throw new ConflictException(Refusal.of("org.codeTaken", org.code()));
        }
        String path = parent.map(Org::path).orElse("/") + org.code() + "/";
        byCode.changing();
        jdbc.sql("insert into org_unit (code, name, type, parent_code, path) values (?, ?, ?, ?, ?)")
                .params(org.code(), org.name().strip(), org.type().name(), org.parentCode(), path).update();
        audit.record(new AuditEntry(actor, org.code(), AuditAction.ORG_CREATED, null, null, null,
                Map.of("code", org.code(), "name", org.name(), "type", org.type().name(),
                        "parentCode", String.valueOf(org.parentCode())), null, null));
        return new Org(org.code(), org.name().strip(), org.type(), org.parentCode(), path);
    }

    public Optional<Org> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCode.get(code, c -> jdbc.sql("select code, name, type, parent_code, path from org_unit where code = ?")
                .param(c).query(Orgs::map).optional().orElse(null)));
    }

    public Org get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException(Refusal.of("common.orgNotFound", code)));
    }

    public List<Org> children(String code) {
        return childrenByCode.get(code, c -> List.copyOf(jdbc.sql(
                "select code, name, type, parent_code, path from org_unit where parent_code = ? order by code")
                .param(c).query(Orgs::map).list()));
    }

    /** Every org of the subtree rooted at {@code code}, the root included. */
    public List<Org> subtree(String code) {
        return jdbc.sql("select code, name, type, parent_code, path from org_unit where path like ? order by path")
                .param(likePrefix(get(code).path())).query(Orgs::map).list();
    }

    public List<Org> all() {
        return jdbc.sql("select code, name, type, parent_code, path from org_unit order by path").query(Orgs::map).list();
    }

    /** The nearest committee strictly above {@code code}: the "higher committee" of a branch's steps. */
    public Optional<Org> committeeAbove(String code) {
        Org org = get(code);
        while (org.parentCode() != null) {
            org = get(org.parentCode());
            if (org.type() == OrgType.COMMITTEE) {
                return Optional.of(org);
            }
        }
        return Optional.empty();
    }

    /** The org itself when it is a committee, else the committee above it. */
    public Optional<Org> committeeOf(String code) {
        Org org = get(code);
        return org.type() == OrgType.COMMITTEE ? Optional.of(org) : committeeAbove(code);
    }

    /** The branch a member's org belongs to: the org itself, or the branch above a group. */
    public Org branchOf(String code) {
        Org org = get(code);
        while (org.type() == OrgType.GROUP && org.parentCode() != null) {
            org = get(org.parentCode());
        }
        return org;
    }

    public boolean isWithin(String code, String ancestorCode) {
        Optional<Org> org = find(code);
        Optional<Org> ancestor = find(ancestorCode);
        return org.isPresent() && ancestor.isPresent() && org.get().isWithin(ancestor.get());
    }

    /** A LIKE pattern matching every path under {@code path}; codes may contain '_', which LIKE treats as a wildcard. */
    public static String likePrefix(String path) {
        return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static Org map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Org(rs.getString("code"), rs.getString("name"), OrgType.valueOf(rs.getString("type")),
                rs.getString("parent_code"), rs.getString("path"));
    }
}
