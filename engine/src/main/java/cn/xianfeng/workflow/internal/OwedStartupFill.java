package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.OwedReconciliation;
import org.flowable.engine.ProcessEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A database that had open tasks before the 谁欠谁 read model (V88) or the 待办 one (V93) existed gets them filled at
 * the first start, as the
 * application's role (the migrating role may not read Flowable's tables). One cheap check on every later start.
 */
@Component
class OwedStartupFill implements ApplicationRunner {

    private final OwedReconciliation reconciliation;
    private final JdbcClient jdbc;

    OwedStartupFill(OwedReconciliation reconciliation, JdbcClient jdbc, ProcessEngine engineMustExistFirst) {
        this.reconciliation = reconciliation;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("""
                select (not exists (select from owed_task) or not exists (select from todo_entry))
                   and exists (select from act_ru_task)""")
                .query(Boolean.class).single()) {
            reconciliation.reconcile();
        }
    }
}
