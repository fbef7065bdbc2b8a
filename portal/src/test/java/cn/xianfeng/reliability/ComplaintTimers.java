package cn.xianfeng.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complaints waiting for their response (响应诉求): each has a timer at its response deadline (one working day)
 * that escalates it to the higher committee — the timer the crash test lets fall due while the portal is down.
 */
final class ComplaintTimers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ComplaintTimers() {
    }

    /** Files a complaint publicly and has the dispatcher xuqiang send every waiting complaint to C01-T1-B1. */
    static List<String> fileAndDispatch(int port, String title) throws Exception {
        HttpResponse<String> filed = PortalClient.basic(port, null, null, "POST", "/api/public/complaints",
                "{\"category\":\"COMMUNITY_SERVICE\",\"title\":\"" + title + "\",\"content\":\"路灯不亮\",\"anonymous\":true}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        PortalClient dispatcher = PortalClient.signIn(port, "xuqiang");
        HttpResponse<String> todo = dispatcher.api("GET", "/api/tasks?scope=todo&process=complaint&size=100", null);
        assertThat(todo.statusCode()).as(todo.body()).isEqualTo(200);
        List<String> dispatched = new ArrayList<>();
        for (JsonNode task : JSON.readTree(todo.body()).get("items")) {
            if ("dispatch".equals(task.get("stepId").asText())) {
                HttpResponse<String> done = dispatcher.api("POST", "/api/tasks/" + task.get("id").asText() + "/complete",
                        "{\"data\":{\"handlerOrg\":\"C01-T1-B1\",\"overrideReason\":\"由社区支部就近办理\"}}");
                assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
                dispatched.add(task.get("caseId").asText());
            }
        }
        assertThat(dispatched).isNotEmpty();
        return dispatched;
    }

    /** Per complaint: pending timers on it and ESCALATED events in its audit trail, as "timers/escalations". */
    static List<String> state(Consistency db, List<String> cases) throws Exception {
        List<String> out = new ArrayList<>();
        for (String id : cases) {
            if (!id.matches("[0-9a-f-]+")) {
                throw new IllegalArgumentException(id);
            }
            out.add(db.single("select count(*) from act_ru_timer_job where process_instance_id_ = '" + id + "'") + "/"
                    + db.single("select count(*) from audit_event where case_id = '" + id + "' and action = 'ESCALATED'"));
        }
        return out;
    }
}
