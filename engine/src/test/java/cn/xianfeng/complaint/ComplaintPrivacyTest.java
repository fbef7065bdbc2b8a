package cn.xianfeng.complaint;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.search.Search;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The complainant's phone reaches dispatchers only; intake limits per address; the honeypot. */
class ComplaintPrivacyTest extends ComplaintTestSupport {

    static final String PHONE = "13912345678";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Autowired TaskLists taskLists;
    @Autowired Search search;

    private String json(Object o) throws Exception {
        return JSON.writeValueAsString(o);
    }

    @Test
    void handlersSeeTheContactMaskedAndNeverThePhone() throws Exception {
        String code = file("COMMUNITY_SERVICE", PHONE, false);
        String caseId = caseOf(code);
        assertThat(complaints.view(caseId, "qdisp").contact().phone()).isEqualTo(PHONE);
        assertThat(json(tasks.get(taskOf(caseId, "dispatch"), "qdisp"))).doesNotContain(PHONE);
        dispatch(caseId, "Q-T-B1", List.of("Q-T-B2"), null);
        complete(caseId, "respond", "qsec1", Map.of("response", "已联系"));

        String handleTask = taskOf(caseId, "handle");
        String detail = json(tasks.get(handleTask, "qsec1"));
        assertThat(detail).contains("139****5678").doesNotContain(PHONE);
        assertThat(json(tasks.get(taskOf(caseId, "coHandle"), "qsec2"))).doesNotContain(PHONE);
        assertThat(json(cases.view(caseId, "qsec1"))).doesNotContain(PHONE);
        assertThat(json(cases.history(caseId, "qsec1"))).doesNotContain(PHONE);
        assertThat(json(taskLists.list(new TaskFilter("todo", null, null, null), "qsec1", 0, 50))).doesNotContain(PHONE);
        ComplaintTypes.ComplaintView handlerView = complaints.view(caseId, "qsec1");
        assertThat(handlerView.contact().masked()).isTrue();
        assertThat(handlerView.trackingHint()).as("staff see a hint of the code, never the code that lets its holder evaluate")
                .matches("TS\\*{6}[A-Z2-9]{4}").isEqualTo("TS******" + code.substring(8));
        assertThat(json(complaints.view(caseId, "qdisp"))).as("not even the dispatcher").doesNotContain(code);
        assertThat(json(handlerView)).contains("139****5678").doesNotContain(PHONE);
        assertThat(json(complaints.track(code))).doesNotContain(PHONE).doesNotContain("王小明").doesNotContain("qsec1");

        // search indexes the audit trail after commit: the case is found by its title, never by the phone
        Search.Request byTitle = new Search.Request("路灯不亮", "complaint", null, null, null, null, null, 0, 50);
        cn.xianfeng.testing.Await.until("the complaint indexed", () -> search.search(byTitle, "qaudit").total(), n -> n > 0);
        assertThat(search.search(new Search.Request(PHONE, null, null, null, null, null, null, 0, 50), "qaudit").total())
                .isZero();
        assertThat(json(search.search(byTitle, "qaudit"))).doesNotContain(PHONE);
    }

    @Test
    void anAnonymousComplainantIsNotEvenMaskedForHandlers() throws Exception {
        String caseId = caseOf(file("COMMUNITY_SERVICE", PHONE, true));
        dispatch(caseId, "Q-T-B1", List.of(), null);
        assertThat(json(tasks.get(taskOf(caseId, "respond"), "qsec1"))).contains("匿名").doesNotContain("5678");
        assertThat(complaints.view(caseId, "qsec1").contact().phone()).isNull();
        assertThat(complaints.view(caseId, "qdisp").contact().phone()).isEqualTo(PHONE);
    }

    @Test
    void theTwentyFirstIntakeFromOneAddressWithinTheHourIsRefused() {
        Intake intake = new Intake("OTHER", "噪音扰民", "夜间施工", null, false, null, null, null);
        for (int i = 0; i < 20; i++) {
            complaints.intake(intake, "192.0.2.77", ZH);
        }
        long before = jdbc.sql("select count(*) from complaint").query(Long.class).single();
        assertThatThrownBy(() -> complaints.intake(intake, "192.0.2.77", ZH)).isInstanceOf(TooManyRequestsException.class);
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isEqualTo(before);
        complaints.intake(intake, "192.0.2.78", ZH);

        time.moveTo(time.now().plus(Duration.ofMinutes(61)));
        complaints.intake(intake, "192.0.2.77", ZH);
    }

    @Test
    void aFilledHoneypotIsAcceptedSilentlyAndDropped() {
        long before = jdbc.sql("select count(*) from complaint").query(Long.class).single();
        String code = complaints.intake(new Intake("OTHER", "广告", "广告", null, false, null, null, "http://spam"),
                "198.51.100.1", ZH);
        assertThat(code).startsWith("TS");
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void intakeRefusesBadFieldsByTheirPublicNames() {
        assertThatThrownBy(() -> complaints.intake(new Intake("NO_SUCH", "", "x".repeat(3001), null, false, null,
                "12345", null), "198.51.100.2", ZH))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field).containsExactly("contactPhone"));
        assertThatThrownBy(() -> complaints.intake(new Intake("NO_SUCH", "", "x".repeat(3001), null, false, null,
                null, null), "198.51.100.2", ZH))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactlyInAnyOrder("category", "title", "content"));
    }
}
