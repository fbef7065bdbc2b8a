package cn.xianfeng.workflow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table {@code case_history_archive}: closed cases' engine history, append-only. */
@Repository
public class ArchivedHistories {

    /** Sorted keys, so the same history always hashes the same, also after a round trip through jsonb. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final JdbcClient jdbc;

    ArchivedHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String caseId, Instant archivedAt, String archivedBy, String dossierCode, String sha256,
                      Map<String, Long> rowCounts, Map<String, Object> history) {
    }

    public void insert(Row row, List<String> assignees) {
        jdbc.sql("""
                insert into case_history_archive (case_id, archived_at, archived_by, dossier_code, sha256, row_counts,
                                                  history, assignees)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)""")
                .params(row.caseId(), Timestamp.from(row.archivedAt()), row.archivedBy(), row.dossierCode(),
                        row.sha256(), json(row.rowCounts()), json(row.history()), assignees.toArray(String[]::new))
                .update();
    }

    public Optional<Row> find(String caseId) {
        return jdbc.sql("select * from case_history_archive where case_id = ?").param(caseId)
                .query((rs, i) -> new Row(rs.getString("case_id"), rs.getTimestamp("archived_at").toInstant(),
                        rs.getString("archived_by"), rs.getString("dossier_code"), rs.getString("sha256"),
                        read(rs.getString("row_counts"), new TypeReference<Map<String, Long>>() { }),
                        read(rs.getString("history"), new TypeReference<Map<String, Object>>() { })))
                .optional();
    }

    public boolean exists(String caseId) {
        return jdbc.sql("select count(*) from case_history_archive where case_id = ?").param(caseId)
                .query(Integer.class).single() > 0;
    }

    public boolean workedOn(String caseId, String username) {
        return jdbc.sql("select count(*) from case_history_archive where case_id = ? and ? = any(assignees)")
                .params(caseId, username).query(Integer.class).single() > 0;
    }

    /** Closed cases whose history is still in Flowable's tables, ended before the cutoff, oldest first. */
    public List<String> closedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                select r.id from case_record r
                 where r.status <> 'ACTIVE' and r.ended_at < ?
                   and not exists (select 1 from case_history_archive a where a.case_id = r.id)
                 order by r.ended_at limit ?""")
                .params(Timestamp.from(cutoff), limit).query(String.class).list();
    }

    public long countClosedBefore(Instant cutoff) {
        return jdbc.sql("""
                select count(*) from case_record r
                 where r.status <> 'ACTIVE' and r.ended_at < ?
                   and not exists (select 1 from case_history_archive a where a.case_id = r.id)""")
                .param(Timestamp.from(cutoff)).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("select count(*) from case_history_archive").query(Long.class).single();
    }

    public static String sha256(Map<String, Object> history) {
        return sha256(json(history).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return CANONICAL.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
