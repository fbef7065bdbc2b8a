package cn.xianfeng.workflow;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 9: a page's submission (its form read, uploads stored, inside the engine's transaction through
 * {@link FormInput}) is retried like an API call when Flowable finds the case changed under it. A rival transaction
 * updates the step's execution row after this completion read it and commits while this one waits on the row:
 * Flowable's optimistic lock fails, and the engine runs the whole completion again, reading the form again.
 */
class FormInputRetryTest extends TaskCenterSupport {

    @Autowired DataSource dataSource;
    @Autowired org.flowable.engine.TaskService flowableTasks;

    @Test
    void aStaleCaseOnAPageSubmissionIsRetriedByTheEngineAndSucceeds() throws Exception {
        String caseId = report("member1", "页面提交重试");
        String review = step(caseId).taskId();

        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Void>[] rival = new CompletableFuture[1];

        FormInput input = form -> {
            if (reads.incrementAndGet() == 1) {
                rival[0] = rivalUpdate(caseId);
            }
            return Map.of("decision", "APPROVE");
        };
        var done = tasks.complete(review, input, "同意", "sec1", Locale.CHINA);

        rival[0].get(2, TimeUnit.MINUTES);
        assertThat(reads.get()).as("the form was read again in the retry").isEqualTo(2);
        assertThat(done.next()).extracting(WorkflowTypes.NextStep::stepId).containsExactly("archive");
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        assertThat(actions(caseId).stream().filter("TASK_COMPLETED"::equals).count()).as("completed once").isEqualTo(1);
    }

    /**
     * Locks the case's execution rows with an update, waits until another session waits for that row, then commits: the
     * waiting completion's "update … where rev_ = ?" then matches nothing. Any waiter counts: only this test's
     * completion touches the case.
     */
    private CompletableFuture<Void> rivalUpdate(String caseId) {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement(
                        "update act_ru_execution set rev_ = rev_ + 1 where proc_inst_id_ = ?")) {
                    s.setString(1, caseId);
                    assertThat(s.executeUpdate()).isPositive();
                }
                locked.complete(null);
                Instant until = Instant.now().plus(Duration.ofMinutes(2));
                while (!someoneWaitsOnALock(c)) {
                    if (Instant.now().isAfter(until)) {
                        throw new AssertionError("the completion never waited for the execution row");
                    }
                    Thread.sleep(50);
                }
                c.commit();
            } catch (Exception e) {
                locked.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
        locked.join();
        return done;
    }

    private static boolean someoneWaitsOnALock(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()
                   and datname = current_database()""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
