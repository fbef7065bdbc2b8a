package cn.xianfeng;

import org.flowable.common.engine.api.Engine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

import java.util.Set;

/**
 * Flowable's engines start only after Flyway has migrated and the ledger callback has handed the tables to their
 * owners: on a database an older version created as the superuser, Flowable (connecting as the application's role)
 * could otherwise not even read its own tables. Registered in META-INF/spring.factories.
 */
class FlowableAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Engine.class);
    }
}
