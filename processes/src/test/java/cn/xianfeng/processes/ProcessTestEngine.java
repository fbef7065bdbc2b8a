package cn.xianfeng.processes;

import cn.xianfeng.testing.RealServices;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.repository.DeploymentBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Flowable engine on a fresh PostgreSQL database with every model of this folder deployed.
 * Only the application's beans are stand-ins: {@code groups} names candidate groups the way the org module does.
 */
final class ProcessTestEngine {

    private ProcessTestEngine() {
    }

    static ProcessEngine start(Map<Object, Object> beans) throws IOException {
        RealServices.Database db = RealServices.freshDatabase();
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistory("full");
        cfg.setAsyncExecutorActivate(false);
        cfg.setBeans(beans);
        ProcessEngine engine = cfg.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("processes");
        try (DirectoryStream<Path> models = Files.newDirectoryStream(modelFolder(), "*.{bpmn20.xml,dmn}")) {
            for (Path model : models) {
                try (InputStream in = Files.newInputStream(model)) {
                    deployment.addBytes(model.getFileName().toString(), in.readAllBytes());
                }
            }
        }
        deployment.deploy();
        return engine;
    }

    /** The module root, where the models live (tests run with the module as working directory). */
    static Path modelFolder() {
        return Path.of("").toAbsolutePath();
    }

    /** Candidate groups as the org module names them: ROLE@ORG, with the committee above a branch given. */
    static final class Groups {
        private final Map<String, String> committeeAbove;

        Groups(Map<String, String> committeeAbove) {
            this.committeeAbove = committeeAbove;
        }

        public String of(String role, String orgCode) {
            return role + "@" + orgCode;
        }

        public String branch(String role, String orgCode) {
            return role + "@" + orgCode.replaceAll("-G\\d+$", "");
        }

        public String committee(String role, String orgCode) {
            return role + "@" + committeeAbove.get(orgCode);
        }

        public String committeeAboveCommittee(String role, String orgCode) {
            return role + "@" + committeeAbove.get(committeeAbove.get(orgCode));
        }
    }
}
