package cn.xianfeng.workflow.internal;

import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.util.Map;

/** 情况报告: a report's case is named by its title and its filer, so a branch's reports can be told apart. */
@Component
class ReportRules implements StepRules {

    private final People people;

    ReportRules(People people) {
        this.people = people;
    }

    @Override
    public String process() {
        return "report";
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        String filer = people.find(actor).map(Person::name).orElse(actor);
        return Map.of("subjectName", values.get("title") + "（" + filer + "）");
    }
}
