package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the rules a procedure module contributes; a process without any has none to apply. */
@Component
public class RuleBook {

    private static final StepRules NONE = () -> "";

    private final Map<String, StepRules> byProcess;

    RuleBook(List<StepRules> rules) {
        this.byProcess = rules.stream().collect(Collectors.toMap(StepRules::process, Function.identity()));
    }

    public StepRules of(String process) {
        return byProcess.getOrDefault(process, NONE);
    }
}
