package cn.xianfeng.workflow.internal;

import cn.xianfeng.cluster.GenerationCache;
import cn.xianfeng.cluster.Generations;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The latest deployed definition of each procedure, cached: definitions change only when a model is deployed, and
 * asking Flowable each time cost a statement per step name (101 per dossier). The cache belongs to the deployments'
 * generation ({@code cache_generations()}: their count and latest time), so a deployment on any node is seen by
 * every node's next transaction.
 */
@Component
public class LatestDefinitions {

    private final RepositoryService repository;
    private final GenerationCache<ProcessDefinition> latest;

    LatestDefinitions(RepositoryService repository, Generations generations) {
        this.repository = repository;
        this.latest = generations.cache("processes", 1_000);
    }

    public Optional<ProcessDefinition> of(String key) {
        // only what exists is kept: a key deployed later must not stay unknown
        return Optional.ofNullable(latest.get(key, k -> repository.createProcessDefinitionQuery()
                .processDefinitionKey(k).latestVersion().singleResult()));
    }
}
