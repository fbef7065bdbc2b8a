package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import cn.xianfeng.workflow.FormOption;
import cn.xianfeng.workflow.LocalizedText;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.UserTask;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each option of a step's {@code decision} field does, read from the model: the step's exclusive gateway
 * sends {@code decision == 'X'} to an end event (the case ends, REJECTED for {@code rejected*}), back to an earlier
 * step (a return) or on to a later one. Option labels say it ("不同意，不予通过，流程结束"), so one form shared by
 * steps that end and steps that return is labelled right at each.
 */
@Component
public class DecisionOutcomes {

    public static final String FIELD = "decision";
    private static final Pattern DECISION = Pattern.compile("decision\\s*==\\s*'([A-Za-z_]+)'");

    public enum Kind { ENDS_REJECTED, ENDS_CANCELLED, ENDS_COMPLETED, RETURNS, CONTINUES }

    /** What choosing an option does: the case ends (how), or moves to a step (back to an earlier one, or on). */
    public record Outcome(Kind kind, String stepId, String stepName) {
    }

    private final ProcessCatalog catalog;
    private final Map<String, Map<String, Map<String, Outcome>>> cache = new ConcurrentHashMap<>();

    DecisionOutcomes(ProcessCatalog catalog) {
        this.catalog = catalog;
    }

    /** Option value → outcome for a step of a deployed definition; empty when its decision routes nowhere known. */
    public Map<String, Outcome> of(String processDefinitionId, String stepId) {
        return cache.computeIfAbsent(processDefinitionId, this::derive).getOrDefault(stepId, Map.of());
    }

    /** The form with its decision options labelled by what they do at this step (the form itself unchanged). */
    public FormDefinition labelled(FormDefinition form, String processDefinitionId, String stepId) {
        Optional<FormField> decision = form == null ? Optional.empty() : form.field(FIELD);
        Map<String, Outcome> outcomes = decision.isEmpty() ? Map.of() : of(processDefinitionId, stepId);
        if (outcomes.isEmpty()) {
            return form;
        }
        List<FormField> fields = form.fields().stream().map(f -> !f.id().equals(FIELD) ? f : relabel(f, outcomes)).toList();
        return new FormDefinition(form.key(), form.title(), fields);
    }

    /** An option's label with what it does; a REJECT that goes back is a return, another choice going back a loop. */
    public static LocalizedText label(String value, LocalizedText base, Outcome o) {
        if (o.kind() == Kind.RETURNS && !"REJECT".equals(value)) {
            return new LocalizedText(base.zh() + "，回到「" + o.stepName() + "」", base.en() + " — back to «" + o.stepName() + "»");
        }
        return switch (o.kind()) {
            case ENDS_REJECTED -> new LocalizedText(base.zh() + "，不予通过，流程结束", base.en() + " — not passed, the case ends");
            case ENDS_CANCELLED -> new LocalizedText(base.zh() + "，流程终止", base.en() + " — the case ends");
            case ENDS_COMPLETED -> new LocalizedText(base.zh() + "，流程办结", base.en() + " — the case is completed");
            case RETURNS -> new LocalizedText(base.zh() + "，退回「" + o.stepName() + "」重新办理",
                    base.en() + " — back to «" + o.stepName() + "»");
            case CONTINUES -> new LocalizedText(base.zh() + "，转「" + o.stepName() + "」",
                    base.en() + " — on to «" + o.stepName() + "»");
        };
    }

    private static FormField relabel(FormField f, Map<String, Outcome> outcomes) {
        List<FormOption> options = f.options().stream().map(o -> outcomes.containsKey(o.value())
                ? new FormOption(o.value(), label(o.value(), o.label(), outcomes.get(o.value()))) : o).toList();
        return new FormField(f.id(), f.type(), f.label(), f.help(), f.placeholder(), f.required(), f.requiredWhen(),
                f.visibleWhen(), f.readOnly(), f.minLength(), f.maxLength(), f.pattern(), f.patternMessage(), f.min(),
                f.max(), f.integer(), options, f.multiple(), f.item(), f.minItems(), f.maxItems(), f.fields(),
                f.orgTypes(), f.scope(), f.prefill());
    }

    private Map<String, Map<String, Outcome>> derive(String processDefinitionId) {
        Process process = catalog.model(processDefinitionId).getMainProcess();
        Map<String, Integer> order = order(process);
        Map<String, Map<String, Outcome>> byStep = new HashMap<>();
        for (UserTask task : process.findFlowElementsOfType(UserTask.class, true)) {
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (SequenceFlow out : task.getOutgoingFlows()) {
                if (!(out.getTargetFlowElement() instanceof ExclusiveGateway gateway)) {
                    continue;
                }
                for (SequenceFlow branch : gateway.getOutgoingFlows()) {
                    String condition = branch.getConditionExpression() == null ? "" : branch.getConditionExpression();
                    Matcher m = DECISION.matcher(condition);
                    if (m.find() && !outcomes.containsKey(m.group(1))) {
                        outcome(branch.getTargetFlowElement(), task, order).ifPresent(o -> outcomes.put(m.group(1), o));
                    }
                }
            }
            if (!outcomes.isEmpty()) {
                byStep.put(task.getId(), Map.copyOf(outcomes));
            }
        }
        return byStep;
    }

    private static Optional<Outcome> outcome(FlowElement target, UserTask from, Map<String, Integer> order) {
        if (target instanceof EndEvent end) {
            String id = end.getId();
            return Optional.of(new Outcome(id.startsWith("rejected") ? Kind.ENDS_REJECTED
                    : id.startsWith("cancelled") ? Kind.ENDS_CANCELLED : Kind.ENDS_COMPLETED, null, end.getName()));
        }
        if (target instanceof UserTask step) {
            boolean back = order.getOrDefault(step.getId(), Integer.MAX_VALUE) <= order.getOrDefault(from.getId(), 0);
            return Optional.of(new Outcome(back ? Kind.RETURNS : Kind.CONTINUES, step.getId(), step.getName()));
        }
        return Optional.empty();
    }

    /** Breadth-first distance from the start event: a target no farther than the step itself lies behind it. */
    private static Map<String, Integer> order(Process process) {
        Map<String, Integer> order = new HashMap<>();
        ArrayDeque<FlowNode> queue = new ArrayDeque<>();
        for (StartEvent start : process.findFlowElementsOfType(StartEvent.class, false)) {
            order.put(start.getId(), 0);
            queue.add(start);
        }
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            for (SequenceFlow flow : node.getOutgoingFlows()) {
                if (flow.getTargetFlowElement() instanceof FlowNode next && !order.containsKey(next.getId())) {
                    order.put(next.getId(), order.get(node.getId()) + 1);
                    queue.add(next);
                }
            }
        }
        return order;
    }
}
