package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/** The audit_event columns as the application reads them, and their mapping to {@link AuditEvent}. */
final class AuditEventRows implements RowMapper<AuditEvent> {

    static final String COLUMNS = "id, chain, seq, at, actor, org_code, action, case_id, task_id, step_id, "
            + "data::text as data, comment, source_address, data_digest, prev_hash, hash";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    AuditEventRows(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public AuditEvent mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getString("chain"), rs.getLong("seq"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("org_code"),
                rs.getString("action"), rs.getString("case_id"), rs.getString("task_id"), rs.getString("step_id"),
                toMap(rs.getString("data")), rs.getString("comment"), rs.getString("source_address"),
                rs.getString("data_digest"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    Map<String, Object> toMap(String data) {
        if (data == null) {
            return null;
        }
        try {
            return json.readValue(data, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit data is not a JSON object", e);
        }
    }

    String toJson(Map<String, Object> data) {
        if (data == null) {
            return null;
        }
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
