package cn.xianfeng.admission;

import cn.xianfeng.TestCounty;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Walks applicants through the admission process as the right people with valid data, moving the clock where
 * the rules make people wait, so that each test can stop at the step it is about.
 */
final class AdmissionWalk {

    static final AtomicInteger applicants = new AtomicInteger();

    final Cases cases;
    final Tasks tasks;
    final People people;
    final Attachments attachments;
    final EngineTime time;
    final Clock clock;

    AdmissionWalk(Cases cases, Tasks tasks, People people, Orgs orgs, Attachments attachments, EngineTime time, Clock clock) {
        this.cases = cases;
        this.tasks = tasks;
        this.people = people;
        this.attachments = attachments;
        this.time = time;
        this.clock = clock;
        TestCounty.create(orgs, people);
        if (orgs.find("K-T-B1-G1").isEmpty()) {
            orgs.create(new NewOrg("K-T-B1-G1", "第一党小组", OrgType.GROUP, "K-T-B1"), "admin");
            person("com1", "支委一", "K-T-B1", MemberStatus.FULL, 1975);
            people.grant("com1", Role.BRANCH_COMMITTEE, "K-T-B1", "admin");
            person("orgdept", "县委组织部", "K", MemberStatus.FULL, 1970);
            people.grant("orgdept", Role.ORG_DEPARTMENT, "K", "admin");
            person("member3", "党员三", "K-T-B1", MemberStatus.FULL, 1980);
            person("activist9", "积极分子九", "K-T-B1", MemberStatus.ACTIVIST, 1995);
            person("outsider", "外支部党员", "K-T-B2", MemberStatus.FULL, 1980);
        }
    }

    void person(String username, String name, String org, MemberStatus status, int born) {
        people.create(new NewPerson(username, name, LocalDate.of(born, 5, 4), org, status, null, TestCounty.PASSWORD), "admin");
    }

    /** A new applicant of branch K-T-B1, born {@code age} years before today. */
    String applicant(int age) {
        String username = "app" + applicants.incrementAndGet();
        person(username, "申请人" + applicants.get(), "K-T-B1", MemberStatus.APPLICANT, today().getYear() - age);
        return username;
    }

    String start(String applicant) {
        return cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE).id();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    void advance(Duration by) {
        time.moveTo(clock.instant().plus(by));
    }

    CurrentStep current(String caseId, String stepId) {
        return cases.view(caseId, "admin").current().stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new AssertionError(stepId + " is not current in " + cases.view(caseId, "admin").current()));
    }

    List<String> currentSteps(String caseId) {
        return cases.view(caseId, "admin").current().stream().map(CurrentStep::stepId).toList();
    }

    void complete(String caseId, String stepId, String user, Map<String, Object> data) {
        tasks.complete(current(caseId, stepId).taskId(), data, null, user, Locale.SIMPLIFIED_CHINESE);
    }

    String attachment(String by) {
        try {
            return attachments.store(null, "scan.pdf", new ByteArrayInputStream("%PDF-1.7\n%scan".getBytes()), by, "K-T-B1").id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Who completes each step on the happy path. */
    String owner(String stepId, String applicant) {
        return switch (stepId) {
            case "step01", "step14", "step22" -> applicant;
            case "step03", "step12" -> "com1";
            case "step04", "step08", "step13", "step16", "step17", "step24" -> "reviewer";
            case "step18" -> "orgdept";
            default -> "sec1";
        };
    }

    /** Valid data for each step on the happy path. */
    Map<String, Object> data(String stepId, String applicant) {
        String today = today().toString();
        Map<String, Object> approve = Map.of("decision", "APPROVE");
        Map<String, Object> vote = Map.of("meetingDate", today, "entitled", 5, "present", 4, "yes", 3, "no", 1, "abstain", 0);
        return switch (stepId) {
            case "step01" -> Map.of("applicationDate", today, "letter", attachment(applicant));
            case "step02", "step16" -> Map.of("talkDate", today, "talker", owner(stepId, applicant), "summary", "谈话情况良好");
            case "step03" -> Map.of("recommendation", "MEMBERS", "meetingDate", today, "decision", "APPROVE");
            case "step05" -> Map.of("contacts", List.of("member1"));
            case "step06" -> Map.of("summary", "培养考察一年，表现良好");
            case "step07" -> Map.of("meetingDate", today, "opinionsHeard", true, "decision", "APPROVE");
            case "step09" -> Map.of("introducers", List.of("member1", "member2"));
            case "step10" -> Map.of("conclusion", "政治审查合格", "decision", "APPROVE");
            case "step11" -> Map.of("trainingDays", 3, "trainingHours", 24);
            case "step14" -> Map.of("fillDate", today, "volunteerForm", attachment(applicant));
            case "step15" -> vote;
            case "step17", "step24" -> Map.of("approvalDate", today, "decision", "APPROVE");
            case "step19" -> Map.of("group", "K-T-B1-G1");
            case "step20" -> Map.of("oathDate", today);
            case "step21" -> Map.of("education", "继续教育考察情况良好");
            case "step22" -> Map.of("applicationDate", today, "letter", attachment(applicant));
            case "step23" -> with(vote, "decision", "ON_TIME");
            case "step25" -> Map.of("archiveNo", "DA-2027-001");
            default -> approve;
        };
    }

    /**
     * Completes steps in order until {@code stepId} is current; waits out the year as an activist before step07
     * and the year of probation before step22, as the rules require.
     */
    void walkTo(String caseId, String applicant, String stepId) {
        int from = currentSteps(caseId).stream().filter(s -> s.matches("step\\d\\d"))
                .mapToInt(s -> Integer.parseInt(s.substring(4))).min().orElse(1);
        for (int n = from; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (step.equals(stepId)) {
                return;
            }
            if (step.equals("step07")) {
                advance(Duration.ofDays(366));
            }
            if (step.equals("step21")) {
                complete(caseId, step, owner(step, applicant), data(step, applicant));
                advance(Duration.ofDays(366));
                continue;
            }
            complete(caseId, step, owner(step, applicant), data(step, applicant));
        }
    }

    static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
