package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The deployed procedures: which can be started through the API, their start forms and their names. */
@Component
public class ProcessCatalog {

    private final RepositoryService repository;
    private final LatestDefinitions definitions;

    ProcessCatalog(RepositoryService repository, LatestDefinitions definitions) {
        this.repository = repository;
        this.definitions = definitions;
    }

    public List<ProcessDefinition> all() {
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list();
    }

    public boolean startable(String key) {
        return latest(key).map(d -> startFormKey(d) != null).orElse(false);
    }

    public String startFormKey(String key) {
        return startFormKey(latest(key).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.unknownProcess", key))));
    }

    /** The id of the latest deployed definition of a procedure. */
    public String latestId(String key) {
        return latest(key).map(ProcessDefinition::getId).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.unknownProcess", key)));
    }

    public String name(String key) {
        return latest(key).map(ProcessDefinition::getName).orElse(key);
    }

    /** The form of a step of the latest model (null step: the start form); null when it has none. */
    public String formKey(String key, String stepId) {
        if (stepId == null) {
            return startable(key) ? startFormKey(key) : null;
        }
        return latest(key).map(d -> model(d.getId()).getMainProcess().getFlowElement(stepId, true))
                .filter(e -> e instanceof org.flowable.bpmn.model.UserTask)
                .map(e -> ((org.flowable.bpmn.model.UserTask) e).getFormKey()).orElse(null);
    }

    /** The stage lane ({@code stageN}) holding a step of the latest model, if the model has stages. */
    public Optional<org.flowable.bpmn.model.Lane> laneOf(String key, String stepId) {
        return latest(key).flatMap(d -> model(d.getId()).getMainProcess().getLanes().stream()
                .filter(l -> l.getId().matches("stage\\d+") && l.getFlowReferences().contains(stepId)).findFirst());
    }

    public String stepName(String key, String stepId) {
        return latest(key).map(d -> model(d.getId()).getMainProcess().getFlowElement(stepId, true))
                .map(e -> e.getName()).orElse(stepId);
    }

    public BpmnModel model(String processDefinitionId) {
        return repository.getBpmnModel(processDefinitionId);
    }

    private String startFormKey(ProcessDefinition definition) {
        return model(definition.getId()).getMainProcess().findFlowElementsOfType(StartEvent.class, false).stream()
                .map(StartEvent::getFormKey).filter(k -> k != null && !k.isBlank()).findFirst().orElse(null);
    }

    private Optional<ProcessDefinition> latest(String key) {
        return definitions.of(key);
    }

    /** The process key of a definition id such as {@code report:3:1234}. */
    public static String keyOf(String processDefinitionId) {
        int colon = processDefinitionId.indexOf(':');
        return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
    }
}
