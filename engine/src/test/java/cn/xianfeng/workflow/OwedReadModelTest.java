package cn.xianfeng.workflow;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.RefusedException;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 谁欠谁 read model against Flowable: after a random mix of every operation that changes who owes a task
 * (start, claim, unclaim, complete, 转办, 委派 and 办完交回, 退回, 加签 and 减签 and signing, role grant and revoke,
 * a member moving between branches) it equals, after every step, the query over {@code act_ru_*} that 谁欠谁 ran
 * before ({@link OwedReconciliation#REFERENCE}); {@link Owed#of} then agrees with the reference aggregated by hand.
 * After every step each person's 待办 (read from {@code todo_entry}) also equals Flowable's task query for it.
 */
class OwedReadModelTest extends TaskCenterSupport {

    private static final List<String> ACTORS = List.of("sec1", "sec2", "tccom", "tccom2", "reviewer", "tcrev",
            "member1", "member2");

    private enum Op { START, CLAIM, UNCLAIM, COMPLETE, SIGN, TRANSFER, DELEGATE, RESOLVE, RETURN, ADD_SIGNERS,
        REMOVE_SIGNER, GRANT, REVOKE, MOVE }

    @Autowired Owed owed;
    @Autowired OwedReconciliation reconciliation;
    @Autowired TaskService flowableTasks;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired cn.xianfeng.workflow.internal.TaskItems taskItems;
    @Autowired cn.xianfeng.workflow.internal.CaseRecords caseRecords;
    @Autowired cn.xianfeng.workflow.internal.SignerRows signerRows;

    /** Everyone whose 待办 the mix changes, and two whose it should not. */
    private static final List<String> TODO_VIEWERS = List.of("sec1", "sec2", "tccom", "tccom2", "reviewer", "tcrev",
            "member1", "member2", "tcapp", "admin");

    @Test
    void aRandomMixOfEveryOperationKeepsTheReadModelEqualToTheEngine() {
        reconciliation.reconcile(); // whatever earlier classes of this context left: from here on, each step must keep it equal
        Random random = new Random(20261130);
        List<String> ourCases = new ArrayList<>();
        Map<Op, Integer> done = new EnumMap<>(Op.class);
        ourCases.add(report("member1", "读模型 0"));
        try {
            mix(random, ourCases, done);
        } finally {
            // the other classes of this context expect the county as TaskCenterSupport made it
            for (Grant g : GRANTS) {
                if (people.get(g.username()).holds(g.role(), g.org())) {
                    people.revoke(g.username(), g.role(), g.org(), "admin");
                }
            }
            if (!people.get("member2").orgCode().equals("K-T-B1")) {
                people.moveTo("member2", "K-T-B1", null, "admin");
            }
        }
        assertThat(done.keySet()).as("every operation ran at least once: %s", done).containsAll(List.of(Op.values()));
        assertThat(reconciliation.check().clean()).as("after restoring the county").isTrue();
        assertViewMatchesReference("K");
        assertViewMatchesReference("K-T");
    }

    private void mix(Random random, List<String> ourCases, Map<Op, Integer> done) {
        // at least 140 steps, then on until every operation has run (which tasks are open, and so what a step can do,
        // depends on the order Flowable lists them in), but never endlessly
        for (int step = 1; step <= 140 || done.size() < Op.values().length && step <= 400; step++) {
            Op op = Op.values()[random.nextInt(Op.values().length)];
            String what = perform(op, random, ourCases, step);
            if (what == null) {
                continue;
            }
            done.merge(op, 1, Integer::sum);
            OwedReconciliation.Result check = reconciliation.check();
            assertThat(check.clean()).as("after step %d, %s: %s", step, what, check).isTrue();
            assertTodosMatchFlowable("after step " + step + ", " + what, step % 20 == 0);
            if (step % 20 == 0) {
                assertViewMatchesReference("K");
                assertViewMatchesReference("K-T-B1");
            }
        }
    }

    @Test
    void theReconciliationFindsAndRepairsMissingWrongAndExtraRows() {
        String caseId = report("member1", "核对测试");
        String review = step(caseId).taskId();
        assertThat(reconciliation.check().clean()).isTrue();
        jdbc.sql("delete from owed_owner where task_id = ? and username = 'sec1'").param(review).update();
        jdbc.sql("update owed_task set due_at = due_at + interval '3 days' where task_id = ?").param(review).update();
        jdbc.sql("insert into owed_owner (task_id, username, org_path, created_at, due_at) "
                + "select task_id, 'tcapp', org_path, created_at, due_at from owed_task where task_id = ?").param(review).update();
        jdbc.sql("update todo_entry set subject = '别的' where task_id = ? and username = 'sec1'").param(review).update();

        OwedReconciliation.Result found = reconciliation.check();
        assertThat(found.missingRows()).isEqualTo(1);
        assertThat(found.extraRows()).isEqualTo(1);
        assertThat(found.differingTasks()).isEqualTo(1);
        assertThat(found.differingTodos()).isEqualTo(1);
        assertThat(found.tasks()).containsExactly(review);

        assertThatThrownBy(() -> reconciliation.reconcile("sec1")).as("the system administrator only")
                .isInstanceOf(cn.xianfeng.common.ForbiddenException.class);
        OwedReconciliation.Result repaired = reconciliation.reconcile("admin");
        assertThat(repaired.tasks()).containsExactly(review);
        assertThat(reconciliation.check().clean()).isTrue();
        assertThat(todo("sec1")).filteredOn(t -> t.id().equals(review)).singleElement()
                .extracting(WorkflowTypes.TaskItem::caseSubject)
                .isEqualTo(jdbc.sql("select subject from case_record where id = ?").param(caseId).query(String.class).single());
        assertThat(owed.tasks("K-T-B1", "sec1", "sec1", 0, 100).total())
                .isEqualTo(owed.of("K-T-B1", "sec1").people().stream().filter(p -> p.username().equals("sec1"))
                        .findFirst().orElseThrow().open());
    }

    @Test
    void aRefreshOfFewOrManyTasksPutsTheCallersPlanModeBackAndKeepsTheModelEqual() {
        String caseId = report("member1", "计划模式");
        String review = step(caseId).taskId();
        jdbc.sql("delete from owed_owner where task_id = ?").param(review).update();
        List<String> many = new ArrayList<>(List.of(review));
        for (int i = 0; many.size() <= 300; i++) {
            many.add("no-such-task-" + i); // past the wrapper's threshold: PostgreSQL's own choice of plans
        }
        for (List<String> ids : List.of(List.of(review), many)) {
            String mode = transactions.execute(status -> {
                jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
                jdbc.sql("select owed_refresh(?::varchar[])").param(ids.toArray(String[]::new)).query((rs, i) -> 1).list();
                return jdbc.sql("show plan_cache_mode").query(String.class).single();
            });
            assertThat(mode).as("the mode after refreshing %d task(s)", ids.size()).isEqualTo("force_custom_plan");
            assertThat(reconciliation.check().clean()).as("after refreshing %d task(s)", ids.size()).isTrue();
            jdbc.sql("delete from owed_owner where task_id = ?").param(review).update();
        }
        reconciliation.reconcile();
        assertThat(reconciliation.check().clean()).isTrue();
    }

    @Test
    void overdueIsExactBeforeAndAfterEachRollAndWhenTheClockGoesBack() {
        cn.xianfeng.common.AdjustableClock adjustable = (cn.xianfeng.common.AdjustableClock) clock;
        java.time.Duration before = adjustable.offset();
        report("member1", "逾期 1");
        report("member2", "逾期 2");
        reconciliation.roll();
        try {
            long overdueBefore = owed.of("K", "admin").totals().overdue();
            // a report's review is due within days: past it, before any roll counted it
            adjustable.set(clock.instant().plus(java.time.Duration.ofDays(30)));
            assertThat(owed.of("K", "admin").totals().overdue()).isGreaterThanOrEqualTo(overdueBefore + 2);
            assertViewMatchesReference("K");
            assertViewMatchesReference("K-T-B1");
            assertThat(reconciliation.roll()).as("rows the roll marked late").isPositive();
            assertThat(reconciliation.check().clean()).isTrue();
            assertViewMatchesReference("K");
            assertViewMatchesReference("K-T-B1");
            // the clock back where it was: rows counted late are not due any more until the next roll unmarks them
            adjustable.restore(before);
            assertThat(owed.of("K", "admin").totals().overdue()).isEqualTo(overdueBefore);
            assertViewMatchesReference("K");
            assertThat(reconciliation.roll()).as("rows the roll unmarked").isPositive();
            assertThat(reconciliation.check().clean()).isTrue();
            assertViewMatchesReference("K");
            assertViewMatchesReference("K-T-B1");
        } finally {
            adjustable.restore(before);
        }
    }

    @Test
    void talliesThatDriftFromTheRowsAreCountedAgain() {
        String caseId = report("member1", "计数核对");
        assertThat(reconciliation.check().clean()).isTrue();
        // written behind the triggers' back: a count, an oldest time, a tally of nobody and an org without tasks
        jdbc.sql("update owed_person_tally set open = open + 5 where username = 'sec1'").update();
        jdbc.sql("update owed_person_tally set oldest = oldest + interval '1 day', late = late + 1 where username = 'sec2'").update();
        jdbc.sql("insert into owed_person_tally (username, org_path, open, late, oldest) values ('tcapp', '/K/', 3, 1, now())")
                .update();
        jdbc.sql("delete from owed_org_tally where org_path = (select org_path from case_record where id = ?)")
                .param(caseId).update();

        OwedReconciliation.Result found = reconciliation.check();
        assertThat(found.clean()).isFalse();
        assertThat(found.tasks()).as("the rows themselves are right").isEmpty();
        assertThat(found.differingTallies()).isGreaterThanOrEqualTo(4);

        reconciliation.reconcile("admin");
        assertThat(reconciliation.check().clean()).isTrue();
        assertViewMatchesReference("K");
    }

    @Test
    void aPersonsTasksBeyondTheFirstFewComeByThePage() {
        for (int i = 0; i < 12; i++) {
            report("member1", "分页 " + i);
        }
        Owed.PersonOwes sec1 = owed.of("K-T-B1", "sec1").people().stream().filter(p -> p.username().equals("sec1"))
                .findFirst().orElseThrow();
        assertThat(sec1.open()).isGreaterThanOrEqualTo(12);
        assertThat(sec1.tasks()).hasSize(Owed.TASKS_PER_PERSON);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 5 < sec1.open(); page++) {
            Owed.TaskPage p = owed.tasks("K-T-B1", "sec1", "sec1", page, 5);
            assertThat(p.total()).isEqualTo(sec1.open());
            p.items().forEach(t -> paged.add(t.id()));
        }
        assertThat(paged).doesNotHaveDuplicates().hasSize((int) sec1.open())
                .startsWith(sec1.tasks().stream().map(Owed.OwedTask::id).toArray(String[]::new));
        assertThatThrownBy(() -> owed.tasks("K-T-B1", "sec1", "sec1", 0, Owed.MAX_PAGE + 1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> owed.tasks("K-T-B1", "sec1", "sec2", 0, 10)).as("another branch's secretary")
                .isInstanceOf(cn.xianfeng.common.NotFoundException.class);
    }

    /** Performs one operation where someone may; null when none was possible (or it was refused: nothing changed). */
    private String perform(Op op, Random random, List<String> ourCases, int step) {
        try {
            switch (op) {
                case START -> {
                    String by = random.nextBoolean() ? "member1" : "member2";
                    ourCases.add(report(by, "读模型 " + step));
                    return "start by " + by;
                }
                case GRANT -> {
                    return grantOrRevoke(random, true);
                }
                case REVOKE -> {
                    return grantOrRevoke(random, false);
                }
                case MOVE -> {
                    String to = people.get("member2").orgCode().equals("K-T-B1") ? "K-T-B2" : "K-T-B1";
                    people.moveTo("member2", to, null, "admin");
                    return "member2 moved to " + to;
                }
                default -> {
                    return taskOperation(op, random, ourCases);
                }
            }
        } catch (RefusedException | InvalidInputException refused) {
            return null;
        }
    }

    private record Grant(String username, Role role, String org) {
    }

    private static final List<Grant> GRANTS = List.of(new Grant("member2", Role.SECRETARY, "K-T-B1"),
            new Grant("tccom2", Role.COMMITTEE_REVIEWER, "K-T"), new Grant("member1", Role.SECRETARY, "K-T-B2"));

    private String grantOrRevoke(Random random, boolean grant) {
        Grant g = GRANTS.get(random.nextInt(GRANTS.size()));
        if (grant) {
            people.grant(g.username(), g.role(), g.org(), "admin");
        } else {
            people.revoke(g.username(), g.role(), g.org(), "admin");
        }
        return (grant ? "grant " : "revoke ") + g;
    }

    private String taskOperation(Op op, Random random, List<String> ourCases) {
        List<org.flowable.task.api.Task> open = flowableTasks.createTaskQuery().processInstanceIdIn(ourCases).list();
        if (open.isEmpty()) {
            ourCases.add(report("member1", "读模型补充"));
            return null; // not the operation asked for: checked after the next one
        }
        List<org.flowable.task.api.Task> shuffled = new ArrayList<>(open);
        java.util.Collections.shuffle(shuffled, random);
        TaskAction action = switch (op) {
            case CLAIM -> TaskAction.CLAIM;
            case UNCLAIM -> TaskAction.UNCLAIM;
            case COMPLETE, SIGN -> TaskAction.COMPLETE;
            case TRANSFER -> TaskAction.TRANSFER;
            case DELEGATE -> TaskAction.DELEGATE;
            case RESOLVE -> TaskAction.RESOLVE;
            case RETURN -> TaskAction.RETURN;
            case ADD_SIGNERS -> TaskAction.ADD_SIGNERS;
            case REMOVE_SIGNER -> TaskAction.REMOVE_SIGNER;
            default -> throw new IllegalArgumentException(op.name());
        };
        for (org.flowable.task.api.Task task : shuffled) {
            for (String actor : actorsOf(task)) {
                TaskDetail detail;
                try {
                    detail = tasks.get(task.getId(), actor);
                } catch (RefusedException notTheirs) {
                    continue;
                }
                boolean signTask = detail.sign() != null;
                if (!detail.allowed().contains(action) || (op == Op.SIGN) != signTask && action == TaskAction.COMPLETE) {
                    continue;
                }
                String id = task.getId();
                String other = pick(random, List.of("tccom", "tccom2", "sec1", "tcrev", "reviewer", "member1", "member2"));
                switch (op) {
                    case CLAIM -> tasks.claim(id, actor);
                    case UNCLAIM -> tasks.unclaim(id, actor);
                    case SIGN -> tasks.complete(id, random.nextInt(4) == 0
                            ? Map.of("decision", "REJECT", "reason", "材料不全") : Map.of("decision", "APPROVE"), null, actor,
                            Locale.CHINA);
                    case COMPLETE -> tasks.complete(id, "report-archive".equals(detail.form().key())
                            ? Map.of("archiveNo", "DA-2026-001")
                            : random.nextInt(5) == 0 ? Map.of("decision", "REJECT", "reason", "不合格")
                            : Map.of("decision", "APPROVE"), null, actor, Locale.CHINA);
                    case TRANSFER -> operations.transfer(id, other, "出差", actor);
                    case DELEGATE -> operations.delegate(id, other, "请核实", actor);
                    case RESOLVE -> operations.resolve(id, "已核实", actor);
                    case RETURN -> operations.returnTo(id, "review", "请补充", actor);
                    case ADD_SIGNERS -> coSigners.add(id, List.of(pick(random, List.of("tccom", "tccom2"))),
                            SignPosition.values()[random.nextInt(3)], "请把关", actor);
                    case REMOVE_SIGNER -> {
                        var pending = detail.signers().stream().filter(WorkflowTypes.Signer::pending).toList();
                        if (pending.isEmpty()) {
                            continue;
                        }
                        coSigners.remove(id, pending.get(0).username(), "不需要了", actor);
                    }
                    default -> throw new IllegalArgumentException(op.name());
                }
                return op + " " + task.getTaskDefinitionKey() + " by " + actor + (op == Op.TRANSFER || op == Op.DELEGATE
                        ? " to " + other : "");
            }
        }
        return null;
    }

    /** Who may act on the task: whoever owes it by the read model, and the owner of a delegated step. */
    private List<String> actorsOf(org.flowable.task.api.Task task) {
        Set<String> actors = new java.util.LinkedHashSet<>(jdbc.sql("select username from owed_owner where task_id = ?")
                .param(task.getId()).query(String.class).list());
        if (task.getOwner() != null) {
            actors.add(task.getOwner());
        }
        if (task.getAssignee() != null) {
            actors.add(task.getAssignee());
        }
        actors.retainAll(ACTORS);
        return List.copyOf(actors);
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private record RefRow(String taskId, String username, String orgPath, Instant created, Instant due) {
    }

    /**
     * Each viewer's 待办 from the read model against Flowable's task query as {@link TaskLists} ran it before
     * ({@link FlowableTodo}): the same total, the same items field by field, in the same order of the sort key;
     * with {@code filters}, also every sort, each filter, and paging.
     */
    private void assertTodosMatchFlowable(String when, boolean filters) {
        FlowableTodo reference = new FlowableTodo(flowableTasks, people, orgs, taskItems, caseRecords, signerRows, clock);
        List<WorkflowTypes.TaskFilter> checked = new ArrayList<>(List.of(new WorkflowTypes.TaskFilter("todo", null, null, null)));
        if (filters) {
            for (String sort : List.of("due", "oldest", "name")) {
                checked.add(new WorkflowTypes.TaskFilter("todo", null, null, null, null, sort));
            }
            checked.add(new WorkflowTypes.TaskFilter("todo", "report", null, null));
            checked.add(new WorkflowTypes.TaskFilter("todo", "admission", null, null));
            checked.add(new WorkflowTypes.TaskFilter("todo", null, "K-T-B1", null));
            checked.add(new WorkflowTypes.TaskFilter("todo", null, "K-T-B2", null));
            checked.add(new WorkflowTypes.TaskFilter("todo", null, null, true));
            checked.add(new WorkflowTypes.TaskFilter("todo", null, null, null, "读模型 1", null));
            checked.add(new WorkflowTypes.TaskFilter("todo", null, null, null, "审", "due"));
        }
        for (String viewer : TODO_VIEWERS) {
            for (WorkflowTypes.TaskFilter filter : checked) {
                String as = when + ": " + viewer + "'s 待办 " + filter;
                cn.xianfeng.common.Page<WorkflowTypes.TaskItem> expected = reference.of(filter, viewer);
                cn.xianfeng.common.Page<WorkflowTypes.TaskItem> actual = lists.list(filter, viewer, 0, 200);
                assertThat(actual.total()).as(as).isEqualTo(expected.total());
                Map<String, WorkflowTypes.TaskItem> byId = new HashMap<>();
                expected.items().forEach(t -> byId.put(t.id(), t));
                assertThat(actual.items()).as(as).hasSize(expected.items().size())
                        .allSatisfy(t -> assertThat(t).as(as).isEqualTo(byId.get(t.id())));
                assertThat(actual.items().stream().map(t -> sortKey(t, filter.sort())).toList()).as(as)
                        .isEqualTo(expected.items().stream().map(t -> sortKey(t, filter.sort())).toList());
                if (filters && actual.total() > 2) {
                    List<String> paged = new ArrayList<>();
                    for (int page = 0; page * 2 < actual.total() + 2; page++) {
                        cn.xianfeng.common.Page<WorkflowTypes.TaskItem> p = lists.list(filter, viewer, page, 2);
                        assertThat(p.total()).as(as + " page " + page).isEqualTo(expected.total());
                        p.items().forEach(t -> paged.add(t.id()));
                    }
                    assertThat(paged).as(as + " paged").isEqualTo(actual.items().stream().map(WorkflowTypes.TaskItem::id).toList());
                }
            }
        }
    }

    private static String sortKey(WorkflowTypes.TaskItem t, String sort) {
        return switch (sort == null ? "" : sort) {
            case "due" -> t.due() + " " + t.createdAt();
            case "name" -> t.name();
            default -> String.valueOf(t.createdAt());
        };
    }

    /** {@link Owed#of} against the reference rows over {@code act_ru_*}, aggregated here as 谁欠谁 used to in Java. */
    private void assertViewMatchesReference(String orgCode) {
        String path = orgs.get(orgCode).path();
        Instant now = clock.instant();
        List<RefRow> rows = jdbc.sql("select * from (" + OwedReconciliation.REFERENCE + ") r where org_path like ?")
                .param(cn.xianfeng.org.Orgs.likePrefix(path))
                .query((rs, i) -> {
                    Timestamp due = rs.getTimestamp("due_at");
                    return new RefRow(rs.getString("task_id"), rs.getString("username"), rs.getString("org_path"),
                            rs.getTimestamp("created_at").toInstant(), due == null ? null : due.toInstant());
                }).list();
        Owed.View view = owed.of(orgCode, "admin");

        Set<String> open = new HashSet<>();
        Set<String> overdue = new HashSet<>();
        Map<String, List<RefRow>> byPerson = new LinkedHashMap<>();
        for (RefRow r : rows) {
            open.add(r.taskId());
            if (r.due() != null && now.isAfter(r.due())) {
                overdue.add(r.taskId());
            }
            byPerson.computeIfAbsent(r.username(), k -> new ArrayList<>()).add(r);
        }
        assertThat(view.totals()).isEqualTo(new Owed.Totals(open.size(), overdue.size(), byPerson.size()));

        record Person(String username, long open, long overdue, Instant oldest, List<String> tasks) {
        }
        List<Person> expected = byPerson.entrySet().stream().map(e -> {
            List<RefRow> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing(RefRow::created).thenComparing(RefRow::taskId));
            return new Person(e.getKey(), list.size(), list.stream().filter(r -> r.due() != null && now.isAfter(r.due())).count(),
                    list.get(0).created(), list.stream().limit(Owed.TASKS_PER_PERSON).map(RefRow::taskId).toList());
        }).sorted(Comparator.comparingLong(Person::overdue).reversed()
                .thenComparing(Comparator.comparingLong(Person::open).reversed())
                .thenComparing(Person::oldest).thenComparing(Person::username))
                .limit(Owed.TOP_PEOPLE).toList();
        assertThat(view.people().stream().map(p -> new Person(p.username(), p.open(), p.overdue(), p.oldestSince(),
                p.tasks().stream().map(Owed.OwedTask::id).toList())).toList())
                .as("people of %s", orgCode).isEqualTo(expected);

        Map<String, long[]> perChild = new HashMap<>();
        for (var child : orgs.children(orgCode)) {
            Set<String> childOpen = new HashSet<>();
            Set<String> childOverdue = new HashSet<>();
            rows.stream().filter(r -> r.orgPath().startsWith(child.path())).forEach(r -> {
                childOpen.add(r.taskId());
                if (overdue.contains(r.taskId())) {
                    childOverdue.add(r.taskId());
                }
            });
            perChild.put(child.code(), new long[] {childOpen.size(), childOverdue.size()});
        }
        assertThat(view.orgs()).hasSize(perChild.size()).allSatisfy(o -> {
            assertThat(o.open()).as("open in %s", o.code()).isEqualTo(perChild.get(o.code())[0]);
            assertThat(o.overdue()).as("overdue in %s", o.code()).isEqualTo(perChild.get(o.code())[1]);
        });
    }
}
