package cn.xianfeng.workflow.internal;

import org.flowable.engine.impl.interceptor.DefaultIdentityLinkInterceptor;
import org.flowable.task.api.Task;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;

/**
 * Flowable's default records a "participant" link on the case for everyone who is given, claims or completes a
 * step, reading all the case's links to avoid a duplicate: one statement per step, an insert per new person. Nothing
 * here reads those links (who took part comes from the audit trail and the tasks' own links), so they are not kept.
 * The starter link and every link on a task stay as Flowable makes them.
 */
final class NoParticipantLinks extends DefaultIdentityLinkInterceptor {

    @Override
    public void handleCompleteTask(TaskEntity task) {
        // no participant link for the person completing
    }

    @Override
    protected void addUserIdentityLinkToParent(Task task, String userId) {
        // no participant link for an assignee, owner or candidate user
    }
}
