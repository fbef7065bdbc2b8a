package cn.xianfeng.portal.web;

import cn.xianfeng.workflow.FormField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group's rows as a page posts them: {@code resolutions[0].text}, {@code resolutions[0].yes}, … in any order and
 * with gaps (rows added and removed in the browser), read in index order. At most the group's maximum plus one rows
 * are read, so the server refuses a flood instead of building it.
 */
final class GroupRows {

    private static final Pattern CELL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\[(\\d{1,4})]\\.([A-Za-z_][A-Za-z0-9_]*)");

    private GroupRows() {
    }

    static List<Map<String, Object>> read(FormField group, Map<String, String[]> parameters) {
        TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>();
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            Matcher m = CELL.matcher(p.getKey());
            if (!m.matches() || !m.group(1).equals(group.id()) || p.getValue().length == 0) {
                continue;
            }
            int index = Integer.parseInt(m.group(2));
            if (!rows.containsKey(index) && rows.size() > group.effectiveMaxItems()) {
                continue;
            }
            rows.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(m.group(3), p.getValue()[p.getValue().length - 1]);
        }
        return new ArrayList<>(rows.values());
    }

    /** {@code id+} adds a blank row, {@code id-N} removes row N (keeping one blank row): the no-script buttons. */
    static List<Map<String, Object>> apply(String action, String id, List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        if (action.equals(id + "+")) {
            out.add(new LinkedHashMap<>());
        } else if (action.startsWith(id + "-")) {
            try {
                int n = Integer.parseInt(action.substring(id.length() + 1));
                if (n >= 0 && n < out.size()) {
                    out.remove(n);
                }
            } catch (NumberFormatException ignored) {
                // not a row of this group
            }
        }
        return out;
    }

}
