package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.CaseStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The workflow module's own row per case: what lists by org and status read instead of Flowable's history. */
@Repository
public class CaseRecords {

    private final JdbcClient jdbc;
    private final OwedUpdates owed;

    CaseRecords(JdbcClient jdbc, OwedUpdates owed) {
        this.jdbc = jdbc;
        this.owed = owed;
    }

    public record CaseRecord(String id, String processKey, String subject, String orgCode, String orgPath,
                             String starter, CaseStatus status, Instant startedAt, Instant endedAt, String subjectPerson) {
    }

    public void insert(CaseRecord r) {
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at,
                                         subject_person)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.processKey(), r.subject(), r.orgCode(), r.orgPath(), r.starter(), r.status().name(),
                        Timestamp.from(r.startedAt()), r.subjectPerson())
                .update();
        // the case's first tasks were created before its record: who owes them is known from now on
        owed.caseChanged(r.id());
    }

    public Optional<CaseRecord> find(String id) {
        return jdbc.sql("select * from case_record where id = ?").param(id).query(CaseRecords::map).optional();
    }

    static CaseRecord map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new CaseRecord(rs.getString("id"), rs.getString("process_key"), rs.getString("subject"),
                rs.getString("org_code"), rs.getString("org_path"), rs.getString("starter"),
                CaseStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
                rs.getString("subject_person"));
    }

    public void end(String id, CaseStatus status, Instant at) {
        jdbc.sql("update case_record set status = ?, ended_at = ? where id = ? and status = 'ACTIVE'")
                .params(status.name(), Timestamp.from(at), id).update();
    }

    /** Subjects of many cases at once, for task lists. */
    public java.util.Map<String, String> subjects(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> out = new java.util.HashMap<>();
        jdbc.sql("select id, subject from case_record where id = any(?)")
                .param(ids.toArray(String[]::new))
                .query(rs -> {
                    out.put(rs.getString("id"), rs.getString("subject"));
                });
        return out;
    }

    public record Copy(String caseId, String process, String subject, String copiedBy, Instant copiedAt, String note) {
    }

    public long copyCount(String username) {
        return jdbc.sql("select count(*) from case_copy where username = ?").param(username).query(Long.class).single();
    }

    public java.util.List<Copy> copiesOf(String username, int first, int size) {
        return jdbc.sql("""
                select c.id, c.process_key, c.subject, k.copied_by, k.copied_at, k.note from case_copy k
                  join case_record c on c.id = k.case_id where k.username = ?
                 order by k.copied_at desc limit ? offset ?""")
                .params(username, size, first)
                .query((rs, i) -> new Copy(rs.getString("id"), rs.getString("process_key"), rs.getString("subject"),
                        rs.getString("copied_by"), rs.getTimestamp("copied_at").toInstant(), rs.getString("note")))
                .list();
    }

    public record Count(String process, String status, long count) {
    }

    public java.util.List<Count> countsWithin(String orgPath) {
        return jdbc.sql("select process_key, status, count(*) n from case_record where org_path like ? group by 1, 2")
                .param(cn.xianfeng.org.Orgs.likePrefix(orgPath))
                .query((rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** 我发起的: the cases a person started, newest first. */
    public java.util.List<CaseRecord> startedBy(String username, long first, int size) {
        return jdbc.sql("select * from case_record where starter = ? order by started_at desc, id limit ? offset ?")
                .params(username, size, first).query(CaseRecords::map).list();
    }

    public long countStartedBy(String username) {
        return jdbc.sql("select count(*) from case_record where starter = ?").param(username).query(Long.class).single();
    }

    public boolean copiedTo(String caseId, String username) {
        return jdbc.sql("select count(*) from case_copy where case_id = ? and username = ?")
                .params(caseId, username).query(Integer.class).single() > 0;
    }
}
