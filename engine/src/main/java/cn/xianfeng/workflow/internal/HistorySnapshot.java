package cn.xianfeng.workflow.internal;

import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads everything Flowable's history holds about one case into plain maps (what the archive keeps), and counts
 * the rows behind it in every ACT_HI_* table, so that an archive can prove it took all of them.
 */
@Component
public class HistorySnapshot {

    /** The history tables keyed by process instance; identity links of tasks are counted through their task. */
    static final List<String> TABLES = List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst",
            "act_hi_varinst", "act_hi_detail", "act_hi_comment", "act_hi_tsk_log");

    private final HistoryService history;
    private final TaskService tasks;
    private final JdbcClient jdbc;

    HistorySnapshot(HistoryService history, TaskService tasks, JdbcClient jdbc) {
        this.history = history;
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    public Optional<Map<String, Object>> take(String caseId) {
        HistoricProcessInstance p = history.createHistoricProcessInstanceQuery().processInstanceId(caseId)
                .singleResult();
        if (p == null) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("processInstance", map("id", p.getId(), "processDefinitionId", p.getProcessDefinitionId(),
                "processDefinitionKey", p.getProcessDefinitionKey(), "businessKey", p.getBusinessKey(),
                "startUserId", p.getStartUserId(), "startTime", iso(p.getStartTime()), "endTime", iso(p.getEndTime()),
                "endActivityId", p.getEndActivityId(), "deleteReason", p.getDeleteReason()));
        List<Map<String, Object>> activities = new ArrayList<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(caseId)
                .orderByHistoricActivityInstanceStartTime().asc().list()) {
            activities.add(map("id", a.getId(), "activityId", a.getActivityId(), "activityName", a.getActivityName(),
                    "activityType", a.getActivityType(), "assignee", a.getAssignee(), "taskId", a.getTaskId(),
                    "startTime", iso(a.getStartTime()), "endTime", iso(a.getEndTime()),
                    "deleteReason", a.getDeleteReason()));
        }
        out.put("activities", activities);
        List<Map<String, Object>> taskList = new ArrayList<>();
        for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(caseId)
                .orderByHistoricTaskInstanceStartTime().asc().list()) {
            List<Map<String, Object>> links = history.getHistoricIdentityLinksForTask(t.getId()).stream()
                    .map(l -> map("type", l.getType(), "userId", l.getUserId(), "groupId", l.getGroupId())).toList();
            taskList.add(map("id", t.getId(), "stepId", t.getTaskDefinitionKey(), "name", t.getName(),
                    "assignee", t.getAssignee(), "owner", t.getOwner(), "formKey", t.getFormKey(),
                    "createTime", iso(t.getCreateTime()), "claimTime", iso(t.getClaimTime()),
                    "endTime", iso(t.getEndTime()), "dueDate", iso(t.getDueDate()),
                    "deleteReason", t.getDeleteReason(), "identityLinks", links));
        }
        out.put("tasks", taskList);
        List<Map<String, Object>> variables = new ArrayList<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(caseId)
                .orderByVariableName().asc().list()) {
            variables.add(map("name", v.getVariableName(), "type", v.getVariableTypeName(), "taskId", v.getTaskId(),
                    "value", plain(v.getValue())));
        }
        out.put("variables", variables);
        out.put("comments", tasks.getProcessInstanceComments(caseId).stream()
                .map(c -> map("id", c.getId(), "taskId", c.getTaskId(), "userId", c.getUserId(),
                        "time", iso(c.getTime()), "type", c.getType(), "message", c.getFullMessage()))
                .toList());
        return Optional.of(out);
    }

    /** Rows per history table that belong to the case. */
    public Map<String, Long> rowCounts(String caseId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("select count(*) from " + table + " where proc_inst_id_ = ?").param(caseId)
                    .query(Long.class).single());
        }
        counts.put("act_hi_identitylink", jdbc.sql("""
                        select count(*) from act_hi_identitylink where proc_inst_id_ = ?
                            or task_id_ in (select id_ from act_hi_taskinst where proc_inst_id_ = ?)""")
                .params(caseId, caseId).query(Long.class).single());
        return counts;
    }

    /** Values as JSON can hold them: anything that is not a string, number, boolean, date or collection as text. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Date d) {
            return iso(d);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Iterable<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v.toString();
    }

    private static String iso(Date d) {
        return d == null ? null : d.toInstant().toString();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
