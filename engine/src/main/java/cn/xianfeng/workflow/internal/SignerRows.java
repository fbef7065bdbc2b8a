package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.WorkflowTypes.HeldSubmission;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.Signer;
import cn.xianfeng.workflow.WorkflowTypes.SignerState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The co-signers of steps (加签) and owners' submissions waiting for them: tables task_signer, task_held_submission. */
@Repository
public class SignerRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    SignerRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String taskId, String caseId, Signer signer) {
    }

    public List<Signer> of(String taskId) {
        return jdbc.sql("select * from task_signer where task_id = ? order by added_at, username").param(taskId)
                .query(SignerRows::signer).list();
    }

    public Optional<Row> bySignTask(String signTaskId) {
        return jdbc.sql("select * from task_signer where sign_task_id = ?").param(signTaskId)
                .query((rs, i) -> new Row(rs.getString("task_id"), rs.getString("case_id"), signer(rs, i))).optional();
    }

    /** Which of these step tasks wait for a co-signer, for lists. */
    public Set<String> signing(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select distinct task_id from task_signer where task_id = any(?) and state in ('WAITING', 'OPEN')""")
                .param(taskIds.toArray(String[]::new)).query(String.class).list());
    }

    public void insert(String taskId, String caseId, String username, SignPosition position, String addedBy,
                       String reason, Instant at) {
        jdbc.sql("""
                insert into task_signer (task_id, case_id, username, position, added_by, reason, added_at, state)
                values (?, ?, ?, ?, ?, ?, ?, 'WAITING')""")
                .params(taskId, caseId, username, position.name(), addedBy, reason, Timestamp.from(at)).update();
    }

    public void open(String taskId, String username, String signTaskId) {
        jdbc.sql("update task_signer set state = 'OPEN', sign_task_id = ?, signed_at = null where task_id = ? and username = ?")
                .params(signTaskId, taskId, username).update();
    }

    public void signed(String taskId, String username, SignerState state, Instant at) {
        jdbc.sql("update task_signer set state = ?, signed_at = ?, sign_task_id = null where task_id = ? and username = ?")
                .params(state.name(), Timestamp.from(at), taskId, username).update();
    }

    /** Back to waiting: an AFTER co-signer signs the owner's next submission again. */
    public void waitAgain(String taskId, String username) {
        jdbc.sql("update task_signer set state = 'WAITING', sign_task_id = null, signed_at = null where task_id = ? and username = ?")
                .params(taskId, username).update();
    }

    public void delete(String taskId, String username) {
        jdbc.sql("delete from task_signer where task_id = ? and username = ?").params(taskId, username).update();
    }

    public Optional<HeldSubmission> held(String taskId) {
        return jdbc.sql("select * from task_held_submission where task_id = ?").param(taskId)
                .query((rs, i) -> new HeldSubmission(rs.getString("actor"), map(rs.getString("data")),
                        rs.getString("comment"), rs.getTimestamp("held_at").toInstant())).optional();
    }

    public void hold(String taskId, String caseId, String actor, Map<String, Object> data, String comment, Instant at) {
        try {
            jdbc.sql("""
                    insert into task_held_submission (task_id, case_id, actor, data, comment, held_at)
                    values (?, ?, ?, cast(? as jsonb), ?, ?)""")
                    .params(taskId, caseId, actor, JSON.writeValueAsString(data), comment, Timestamp.from(at)).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form values are JSON", e);
        }
    }

    public void release(String taskId) {
        jdbc.sql("delete from task_held_submission where task_id = ?").param(taskId).update();
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form values are JSON", e);
        }
    }

    private static Signer signer(ResultSet rs, int i) throws SQLException {
        return new Signer(rs.getString("username"), SignPosition.valueOf(rs.getString("position")),
                SignerState.valueOf(rs.getString("state")), rs.getString("added_by"), rs.getString("reason"),
                rs.getTimestamp("added_at").toInstant(),
                rs.getTimestamp("signed_at") == null ? null : rs.getTimestamp("signed_at").toInstant(),
                rs.getString("sign_task_id"));
    }
}
