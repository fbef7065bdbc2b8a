package cn.xianfeng.workflow.internal;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.common.engine.impl.interceptor.CommandContextCloseListener;
import org.flowable.engine.RuntimeService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.task.api.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps the 谁欠谁 read model ({@code owed_task}, {@code owed_owner}) in step with the engine, in the same
 * transaction: every task created, assigned, updated, completed or deleted and every identity link of a task added
 * or removed marks the task; a case record written marks its case. Just before the transaction commits — when
 * every engine command in it has flushed — the marked tasks' rows are recomputed by {@code owed_refresh}
 * (V88), the one place the rule of who owes a task lives (and, since V93, of whose 待办 lists it). Role grants and revokes refresh through a trigger on
 * {@code role_assignment}. A failure here rolls the transaction back rather than leave the model wrong.
 */
@Component
public class OwedUpdates implements FlowableEventListener {

    private final JdbcClient jdbc;

    OwedUpdates(JdbcClient jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        runtime.addEventListener(this);
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event instanceof FlowableEntityEvent e) {
            if (e.getEntity() instanceof Task task) {
                taskChanged(task.getId());
            } else if (e.getEntity() instanceof IdentityLink link && link.getTaskId() != null) {
                taskChanged(link.getTaskId());
            }
        }
        if (event instanceof FlowableEngineEvent p && p.getProcessInstanceId() != null
                && (event.getType() == FlowableEngineEventType.PROCESS_COMPLETED
                || event.getType() == FlowableEngineEventType.PROCESS_CANCELLED
                || event.getType() == FlowableEngineEventType.PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT)) {
            caseChanged(p.getProcessInstanceId());
        }
    }

    @Override
    public boolean isFailOnException() {
        return true; // a model left behind the engine would be wrong until the nightly repair
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false; // at once, inside the command: the refresh itself waits for the commit
    }

    @Override
    public String getOnTransaction() {
        return null;
    }

    public void taskChanged(String taskId) {
        pending().tasks.add(taskId);
    }

    /** Every open task of the case (and every row the model holds for it) is recomputed. */
    public void caseChanged(String caseId) {
        pending().cases.add(caseId);
    }

    private Pending pending() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                if (s instanceof Pending p && p.of(this) && !p.flushed) {
                    return p;
                }
            }
            Pending p = new Pending();
            TransactionSynchronizationManager.registerSynchronization(p);
            return p;
        }
        // no Spring transaction: an engine command on its own; refresh once its sessions have flushed
        Pending p = new Pending();
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("who-owes-what read model: a change outside any transaction or engine command");
        }
        command.addCloseListener(new CommandContextCloseListener() {
            @Override
            public void closing(CommandContext c) {
            }

            @Override
            public void afterSessionsFlush(CommandContext c) {
                p.beforeCommit(false);
            }

            @Override
            public void closed(CommandContext c) {
            }

            @Override
            public void closeFailure(CommandContext c) {
            }

            @Override
            public Integer order() {
                return 0;
            }

            @Override
            public boolean multipleAllowed() {
                return true;
            }
        });
        return p;
    }

    /** The tasks and cases this transaction touched; refreshed once, before it commits. */
    private final class Pending implements TransactionSynchronization {

        final Set<String> tasks = new LinkedHashSet<>();
        final Set<String> cases = new LinkedHashSet<>();
        boolean flushed;

        boolean of(OwedUpdates updates) {
            return updates == OwedUpdates.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushed = true;
            if (tasks.isEmpty() && cases.isEmpty()) {
                return;
            }
            if (cases.isEmpty()) {
                // most steps: no case ended, and the unions below (three index probes, planned per call) are not needed
                jdbc.sql("select owed_refresh(?::varchar[])").param(tasks.toArray(String[]::new))
                        .query((rs, i) -> 1).list();
                return;
            }
            String[] caseIds = cases.toArray(String[]::new);
            jdbc.sql("""
                    select owed_refresh(array(
                        select unnest(?::varchar[])
                        union select id_ from act_ru_task where proc_inst_id_ = any (?::varchar[])
                        union select task_id from owed_task where case_id = any (?::varchar[])
                        union select task_id from todo_entry where case_id = any (?::varchar[])))""")
                    .params(tasks.toArray(String[]::new), caseIds, caseIds, caseIds)
                    .query((rs, i) -> 1).list();
        }

        @Override
        public int getOrder() {
            // after the synchronizations that may still run engine commands before commit
            return LOWEST_PRECEDENCE;
        }
    }
}
