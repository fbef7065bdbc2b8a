package cn.xianfeng.dossier.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.org.People;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a dossier names people: "name（username）", the names of everyone in the case's trail read in one statement
 * (a person and their roles per displayed name cost 131 statements per dossier); the system's own actors by what
 * they are.
 */
public final class PersonNames {

    private static final Map<String, String> SYSTEM = Map.of("~public", "诉求人（公众）", "system", "系统",
            "~system", "系统");

    private final Map<String, String> names;
    private final People people;

    private PersonNames(Map<String, String> names, People people) {
        this.names = new HashMap<>(names);
        this.people = people;
    }

    public static PersonNames of(People people, List<AuditEvent> events, String starter) {
        Set<String> usernames = new HashSet<>();
        if (starter != null) {
            usernames.add(starter);
        }
        events.forEach(e -> usernames.add(e.actor()));
        usernames.removeAll(SYSTEM.keySet());
        return new PersonNames(people.names(usernames), people);
    }

    public String display(String username) {
        if (username == null) {
            return "—";
        }
        String system = SYSTEM.get(username);
        if (system != null) {
            return system;
        }
        String name = names.computeIfAbsent(username, u -> people.names(List.of(u)).getOrDefault(u, ""));
        return name.isEmpty() ? username : name + "（" + username + "）";
    }

    /** The name alone (for values of person fields). */
    public String name(String username) {
        String display = display(username);
        int paren = display.indexOf('（');
        return paren > 0 ? display.substring(0, paren) : display;
    }
}
