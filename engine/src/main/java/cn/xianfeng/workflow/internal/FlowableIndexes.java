package cn.xianfeng.workflow.internal;

import org.flowable.engine.ProcessEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Flowable's PostgreSQL schema has no index on task assignees; "todo" and "done by me" need them.
 * Flowable creates its tables when the engine starts, after Flyway, so these are added here, idempotently.
 */
@Component
class FlowableIndexes implements ApplicationRunner {

    private final JdbcClient jdbc;

    FlowableIndexes(JdbcClient jdbc, ProcessEngine engineMustExistFirst) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.sql("create index if not exists xf_ru_task_assignee on act_ru_task (assignee_)").update();
        // 委派: a delegated task stays on its owner's 待办 (todo_entry, V93; the reference query of OwedReadModelTest)
        jdbc.sql("create index if not exists xf_ru_task_owner on act_ru_task (owner_)").update();
        jdbc.sql("create index if not exists xf_hi_task_assignee_end on act_hi_taskinst (assignee_, end_time_)").update();
    }
}
