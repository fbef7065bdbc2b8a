package cn.xianfeng.dossier.internal;

import cn.xianfeng.workflow.WorkflowTypes.CaseView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dossier's title: 案卷 · procedure · subject, without repeating a part (a subject often begins with the
 * procedure's name; a complaint's was the name alone: "接诉即办 · 接诉即办"), and with the start date where the
 * subject adds nothing to the procedure's name. Never the case's id.
 */
public final class DossierTitle {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private DossierTitle() {
    }

    public static String of(CaseView view, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        parts.add(view.processName());
        if (view.subject() != null) {
            Arrays.stream(view.subject().split("\\s*·\\s*")).map(String::strip)
                    .filter(p -> !p.isEmpty() && !p.startsWith("~") && !parts.contains(p)).forEach(parts::add);
        }
        if (parts.size() == 1 && view.startedAt() != null) {
            parts.add(DAY.format(view.startedAt().atZone(zone)) + "发起");
        }
        return "案卷 · " + String.join(" · ", parts);
    }
}
