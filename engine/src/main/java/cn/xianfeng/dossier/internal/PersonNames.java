package cn.xianfeng.dossier.internal;

import java.util.Map;

/**
 * How a dossier names people: "name（username）" from the names read for the whole dossier at once (a person and
 * their roles per displayed name cost 131 statements per dossier); the system's own actors by what they are; a
 * username without a person as it is.
 */
public final class PersonNames {

    private static final Map<String, String> SYSTEM = Map.of("~public", "诉求人（公众）", "system", "系统",
            "~system", "系统");

    private final Map<String, String> names;

    /** {@code names}: username → name of everyone the dossier may name (its actors, starter and person values). */
    public PersonNames(Map<String, String> names) {
        this.names = new java.util.HashMap<>(names);
    }

    public String display(String username) {
        if (username == null) {
            return "—";
        }
        String system = SYSTEM.get(username);
        if (system != null) {
            return system;
        }
        String name = names.getOrDefault(username, "");
        return name.isEmpty() ? username : name + "（" + username + "）";
    }

    /** The name alone (for values of person fields). */
    public String name(String username) {
        String display = display(username);
        int paren = display.indexOf('（');
        return paren > 0 ? display.substring(0, paren) : display;
    }
}
