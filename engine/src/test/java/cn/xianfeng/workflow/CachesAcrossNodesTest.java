package cn.xianfeng.workflow;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caches of roles, orgs and deployed procedures with two nodes on one database: this test's context is node A,
 * a second application context on the same database is node B, each with its own caches. A change committed on one
 * node is in force on the other's very next call (no waiting: the generation is read in that call's transaction), a
 * revoked role stops authorizing at once, and a cached answer is served again while nothing changed.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachesAcrossNodesTest {

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskLists lists;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired JdbcClient jdbc;
    @Autowired RepositoryService repository;
    @Autowired Environment env;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    ConfigurableApplicationContext nodeB;

    @BeforeAll
    void secondNode() {
        TestCounty.create(orgs, people);
        nodeB = new SpringApplicationBuilder(EngineTestApplication.class).web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url", env.getProperty("spring.datasource.url"),
                        "spring.datasource.username", env.getProperty("spring.datasource.username"),
                        "spring.datasource.password", env.getProperty("spring.datasource.password"),
                        "xianfeng.node-id", "cache-test-node-b"))
                .run();
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    /** A call on node A or B in a transaction of its own, as a request's (caches serve transactions only). */
    private <T> T on(ConfigurableApplicationContext node, java.util.function.Supplier<T> call) {
        var template = node == null ? transactions : new org.springframework.transaction.support.TransactionTemplate(
                nodeB.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        return template.execute(s -> call.get());
    }

    private String reviewTask() {
        var started = cases.start(new StartCase("report", "缓存测试", Map.of("title", "学习情况", "content", "已完成学习",
                "reportDate", LocalDate.now().minusDays(1).toString())), "member1", Locale.SIMPLIFIED_CHINESE);
        return lists.list(new TaskFilter("todo", "report", null, null), "sec1", 0, 200).items().stream()
                .filter(t -> t.caseId().equals(started.id())).findFirst().orElseThrow().id();
    }

    @Test
    void aGrantOnOneNodeAuthorizesOnTheOtherAtItsNextCallAndARevokeStopsItAtOnceOnBoth() {
        Tasks tasksB = nodeB.getBean(Tasks.class);
        People peopleB = nodeB.getBean(People.class);
        String review = reviewTask();
        // node B learns (and caches) that member2 holds no role here
        assertThatThrownBy(() -> on(nodeB, () -> tasksB.get(review, "member2"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> on(nodeB, () -> tasksB.get(review, "member2"))).isInstanceOf(ForbiddenException.class);

        people.grant("member2", Role.SECRETARY, "K-T-B1", "admin");
        assertThat(on(nodeB, () -> tasksB.get(review, "member2")).allowed()).as("node B, next call").contains(TaskAction.COMPLETE);

        peopleB.revoke("member2", Role.SECRETARY, "K-T-B1", "admin");
        assertThatThrownBy(() -> tasks.complete(review, Map.of("decision", "APPROVE"), null, "member2", Locale.CHINA))
                .as("node A, next call after node B's revoke").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasksB.complete(review, Map.of("decision", "APPROVE"), null, "member2", Locale.CHINA))
                .as("node B itself, at once").isInstanceOf(ForbiddenException.class);
        assertThat(on(null, () -> tasks.get(review, "sec1")).allowed()).contains(TaskAction.COMPLETE);

        peopleB.grant("member2", Role.SECRETARY, "K-T-B1", "admin");
        try {
            WorkflowTypes.Completion done = tasks.complete(review, Map.of("decision", "APPROVE"), null, "member2", Locale.CHINA);
            assertThat(done.next()).extracting(WorkflowTypes.NextStep::stepId).containsExactly("archive");
        } finally {
            people.revoke("member2", Role.SECRETARY, "K-T-B1", "admin");
        }
    }

    @Test
    void aRoleWrittenStraightIntoTheDatabaseIsSeenByBothNodesAtTheirNextCall() {
        Tasks tasksB = nodeB.getBean(Tasks.class);
        String review = reviewTask();
        assertThatThrownBy(() -> on(null, () -> tasks.get(review, "sec2"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> on(nodeB, () -> tasksB.get(review, "sec2"))).isInstanceOf(ForbiddenException.class);

        // an import or an operator's SQL: no application code marks anything, the trigger moves the generation
        jdbc.sql("insert into role_assignment (username, role, org_code) values ('sec2', 'SECRETARY', 'K-T-B1')").update();
        try {
            assertThat(on(null, () -> tasks.get(review, "sec2")).allowed()).contains(TaskAction.COMPLETE);
            assertThat(on(nodeB, () -> tasksB.get(review, "sec2")).allowed()).contains(TaskAction.COMPLETE);
        } finally {
            jdbc.sql("delete from role_assignment where username = 'sec2' and org_code = 'K-T-B1'").update();
        }
        assertThatThrownBy(() -> on(nodeB, () -> tasksB.get(review, "sec2"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> on(null, () -> tasks.get(review, "sec2"))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aChildOrgAddedOrRemovedAnywhereIsListedByBothNodesAtTheirNextCall() {
        Orgs orgsB = nodeB.getBean(Orgs.class);
        java.util.function.Supplier<List<String>> childrenB = () -> on(nodeB, () -> orgsB.children("K-T")).stream()
                .map(cn.xianfeng.org.Org::code).toList();
        assertThat(childrenB.get()).contains("K-T-B1").doesNotContain("K-T-B9");
        assertThat(childrenB.get()).as("cached").doesNotContain("K-T-B9");
        jdbc.sql("insert into org_unit (code, name, type, parent_code, path) values ('K-T-B9', '第九党支部', 'BRANCH', 'K-T', "
                + "(select path from org_unit where code = 'K-T') || 'K-T-B9/')").update();
        try {
            assertThat(childrenB.get()).as("node B, next call").contains("K-T-B1", "K-T-B9");
            assertThat(on(null, () -> orgs.children("K-T"))).extracting(cn.xianfeng.org.Org::code).contains("K-T-B9");
        } finally {
            jdbc.sql("delete from org_unit where code = 'K-T-B9'").update();
        }
        assertThat(childrenB.get()).doesNotContain("K-T-B9");
    }

    @Test
    void anOrgRenamedOnOneNodeAndANewDeploymentAreSeenByTheOtherAtItsNextCall() {
        Orgs orgsB = nodeB.getBean(Orgs.class);
        String before = on(nodeB, () -> orgsB.get("K-T-B1").name());
        assertThat(on(nodeB, () -> orgsB.get("K-T-B1").name())).isEqualTo(before);
        jdbc.sql("update org_unit set name = name || '（更名）' where code = 'K-T-B1'").update();
        try {
            assertThat(on(nodeB, () -> orgsB.get("K-T-B1").name())).isEqualTo(before + "（更名）");
            assertThat(on(null, () -> orgs.get("K-T-B1").name())).isEqualTo(before + "（更名）");
        } finally {
            jdbc.sql("update org_unit set name = ? where code = 'K-T-B1'").param(before).update();
        }
        assertThat(on(nodeB, () -> orgsB.get("K-T-B1").name())).isEqualTo(before);

        var catalogB = nodeB.getBean(cn.xianfeng.workflow.internal.ProcessCatalog.class);
        String process = "cache-probe";
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="probe">
                  <process id="cache-probe" name="%s" isExecutable="true"><startEvent id="s"/></process>
                </definitions>""";
        repository.createDeployment().name(process).addString(process + ".bpmn20.xml", xml.formatted("探针一")).deploy();
        assertThat(on(nodeB, () -> catalogB.name(process))).isEqualTo("探针一");
        assertThat(on(nodeB, () -> catalogB.name(process))).as("cached").isEqualTo("探针一");
        repository.createDeployment().name(process).addString(process + ".bpmn20.xml", xml.formatted("探针二")).deploy();
        assertThat(on(nodeB, () -> catalogB.name(process))).as("node B, next call").isEqualTo("探针二");
    }
}
