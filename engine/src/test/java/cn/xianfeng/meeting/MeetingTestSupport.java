package cn.xianfeng.meeting;

import cn.xianfeng.TestCounty;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meeting records on a real engine and PostgreSQL with the adjustable clock. Each test gets a fresh branch of its
 * own (secretary, committee member, two full members, one probationary), so counts do not depend on other tests.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class MeetingTestSupport {

    static final AtomicInteger BRANCHES = new AtomicInteger();

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskService flowableTasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Attachments attachments;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired Meetings meetings;
    @Autowired cn.xianfeng.evidence.Documents documents;
    @Autowired MeetingCompliance compliance;

    /** A branch: code, secretary s, committee member c, full members m1 and m2, probationary p. */
    record Branch(String code, String s, String c, String m1, String m2, String p) {
    }

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    Branch branch() {
        String code = "K-T-M" + BRANCHES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        orgs.create(new NewOrg(code, "会议测试支部" + code, OrgType.BRANCH, "K-T"), "admin");
        String p = code.toLowerCase().replace("-", "");
        Branch b = new Branch(code, p + "s", p + "c", p + "m1", p + "m2", p + "p");
        person(b.s(), "书记", code, MemberStatus.FULL);
        people.grant(b.s(), Role.SECRETARY, code, "admin");
        person(b.c(), "支委", code, MemberStatus.FULL);
        people.grant(b.c(), Role.BRANCH_COMMITTEE, code, "admin");
        person(b.m1(), "党员甲", code, MemberStatus.FULL);
        person(b.m2(), "党员乙", code, MemberStatus.FULL);
        person(b.p(), "预备党员", code, MemberStatus.PROBATIONARY);
        return b;
    }

    private void person(String username, String name, String org, MemberStatus status) {
        people.create(new NewPerson(username, name, LocalDate.of(1985, 3, 1), org, status, LocalDate.of(2010, 7, 1),
                TestCounty.PASSWORD), "admin");
    }

    String plan(Branch b, String type, String actor) {
        Map<String, Object> data = new HashMap<>();
        data.put("orgCode", b.code());
        data.put("type", type);
        data.put("plannedAt", OffsetDateTime.now(clock).plusDays(1).withNano(0).toString());
        data.put("place", "党员活动室");
        data.put("host", b.s());
        data.put("recorder", b.c());
        data.put("agenda", "一、学习党的二十大精神；二、讨论党员发展工作");
        return cases.start(new StartCase("meeting-record", null, data), actor, Locale.SIMPLIFIED_CHINESE).id();
    }

    Task task(String caseId, String stepId) {
        List<Task> open = flowableTasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(stepId).list();
        if (open.size() != 1) {
            throw new AssertionError("expected one open " + stepId + " in " + caseId + " but found " + open.size());
        }
        return open.get(0);
    }

    void complete(String caseId, String stepId, String actor, Map<String, Object> data) {
        tasks.complete(task(caseId, stepId).getId(), data, null, actor, Locale.SIMPLIFIED_CHINESE);
    }

    Map<String, Object> record(Branch b, Object... extra) {
        Map<String, Object> data = new HashMap<>();
        data.put("meetingDate", LocalDate.now(clock).toString());
        data.put("startTime", "14:30");
        data.put("endTime", "16:00");
        data.put("place", "党员活动室");
        data.put("host", b.s());
        data.put("recorder", b.c());
        data.put("agenda", "一、学习党的二十大精神；二、讨论党员发展工作");
        data.put("minutes", "会议传达学习了党的二十大精神，讨论了发展党员工作，研究确定入党积极分子培养考察计划。"
                + "与会党员围绕基层党组织建设和党员教育管理深入交流，一致同意加强党员教育管理。");
        for (int i = 0; i < extra.length; i += 2) {
            data.put((String) extra[i], extra[i + 1]);
        }
        return data;
    }

    String png(Branch b, String name, Color color) throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return attachments.store(null, name, new ByteArrayInputStream(out.toByteArray()), b.c(), b.code()).id();
    }
}
