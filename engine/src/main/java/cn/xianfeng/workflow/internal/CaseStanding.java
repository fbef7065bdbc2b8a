package cn.xianfeng.workflow.internal;

import cn.xianfeng.cluster.Generations;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A case's record and where its viewer stands towards it, in one statement: what opening a case for a document
 * asked in five (the record, "may read the org", "is an audit reader", "holds an issuing role", the cache
 * generations). The rules themselves stay where they are written ({@link OrgAuthority}'s SQL); {@link CaseAccess}
 * decides from these answers.
 */
@Component
public class CaseStanding {

    private final JdbcClient jdbc;
    private final Generations generations;

    CaseStanding(JdbcClient jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /**
     * @param reads    a superuser, or an officer, auditor or reviewer of the case's org or above ({@code mayRead})
     * @param holds    holds one of the roles asked in the case's org or above (superusers only if they do)
     * @param superuser the bootstrap superuser
     * @param copied   the case was copied (抄送) to the viewer
     * @param auditReader the viewer's reads are logged (auditors and administrators of any org, superusers)
     */
    public record Standing(CaseRecord record, boolean reads, boolean holds, boolean superuser, boolean copied,
                           boolean auditReader) {
    }

    /** SQL, a boolean: whether the person {@code user} (a parameter or expression, used twice) has reads logged. */
    public static String auditReaderSql(String user) {
        return OrgAuthority.superuserSql(user) + " or exists (select 1 from role_assignment where username = " + user
                + " and role in ('" + Role.AUDITOR.name() + "', '" + Role.ADMIN.name() + "'))";
    }

    /** Empty when there is no such case. In a transaction, the generations read are handed to the caches. */
    Optional<Standing> of(String caseId, String viewer, Role... roles) {
        return jdbc.sql("select c.*, " + Generations.READ + " as standing_generations, "
                        + OrgAuthority.mayReadSql(":viewer", "c.org_code") + " as standing_reads, "
                        + OrgAuthority.holdsAboveSql(":viewer", "c.org_code", roles) + " as standing_holds, "
                        + OrgAuthority.superuserSql(":viewer") + " as standing_superuser, "
                        + "exists (select 1 from case_copy k where k.case_id = c.id and k.username = :viewer) as standing_copied, "
                        + "(" + auditReaderSql(":viewer") + ") as standing_audit_reader "
                        + "from case_record c where c.id = :id")
                .param("viewer", viewer).param("id", caseId)
                .query((rs, i) -> {
                    generations.seen(rs.getString("standing_generations"));
                    return new Standing(CaseRecords.map(rs, i), rs.getBoolean("standing_reads"), rs.getBoolean("standing_holds"),
                            rs.getBoolean("standing_superuser"), rs.getBoolean("standing_copied"), rs.getBoolean("standing_audit_reader"));
                }).optional();
    }
}
