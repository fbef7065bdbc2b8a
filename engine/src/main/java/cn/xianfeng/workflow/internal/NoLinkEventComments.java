package cn.xianfeng.workflow.internal;

import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.history.DefaultHistoryManager;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;

/**
 * Flowable's history writes an "event" comment (AddUserLink, DeleteGroupLink…) for every change of who holds or is
 * offered a task: an insert into ACT_HI_COMMENT on every claim, that is on most steps. Nothing here reads them: who
 * claimed, transferred, delegated or was offered a step is in the case's audit trail, signed into its chain, and
 * the tasks' own identity links stay. Opinions and comments (type "comment") are written as before.
 */
final class NoLinkEventComments extends DefaultHistoryManager {

    NoLinkEventComments(ProcessEngineConfigurationImpl engine) {
        super(engine);
    }

    @Override
    public void createIdentityLinkComment(TaskEntity task, String userId, String groupId, String type, boolean create) {
        // not recorded (see above)
    }

    @Override
    public void createUserIdentityLinkComment(TaskEntity task, String userId, String type, boolean create) {
        // not recorded
    }

    @Override
    public void createGroupIdentityLinkComment(TaskEntity task, String groupId, String type, boolean create) {
        // not recorded
    }

    @Override
    public void createUserIdentityLinkComment(TaskEntity task, String userId, String type, boolean create,
                                              boolean forceNullUserId) {
        // not recorded
    }

    @Override
    public void createIdentityLinkComment(TaskEntity task, String userId, String groupId, String type, boolean create,
                                          boolean forceNullUserId) {
        // not recorded
    }

    @Override
    public void createProcessInstanceIdentityLinkComment(ExecutionEntity processInstance, String userId,
                                                         String groupId, String type, boolean create) {
        // not recorded
    }

    @Override
    public void createProcessInstanceIdentityLinkComment(ExecutionEntity processInstance, String userId,
                                                         String groupId, String type, boolean create,
                                                         boolean forceNullUserId) {
        // not recorded
    }
}
