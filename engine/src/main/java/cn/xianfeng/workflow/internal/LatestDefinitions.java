package cn.xianfeng.workflow.internal;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest deployed definition of each procedure, cached: definitions change only when a model is deployed, and
 * asking Flowable each time cost a statement per step name (101 per dossier). A deployment in this node empties
 * the cache once it commits; {@link #invalidate()} is the one entry point for another node's deployment.
 */
@Component
public class LatestDefinitions implements FlowableEventListener {

    private final RepositoryService repository;
    private final ConcurrentMap<String, Optional<ProcessDefinition>> latest = new ConcurrentHashMap<>();

    LatestDefinitions(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        runtime.addEventListener(this, FlowableEngineEventType.ENTITY_CREATED);
    }

    public Optional<ProcessDefinition> of(String key) {
        Optional<ProcessDefinition> cached = latest.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<ProcessDefinition> found = Optional.ofNullable(repository.createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().singleResult());
        // only what exists is kept: a key deployed later must not stay unknown
        found.ifPresent(d -> latest.put(key, found));
        return found;
    }

    /** Forgets every cached definition (after a deployment, here or on another node). */
    public void invalidate() {
        latest.clear();
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event instanceof FlowableEntityEvent e && e.getEntity() instanceof ProcessDefinition) {
            invalidate();
        }
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return true;
    }

    @Override
    public String getOnTransaction() {
        return TransactionState.COMMITTED.name();
    }
}
