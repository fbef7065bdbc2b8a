package cn.xianfeng.portal.web;

import cn.xianfeng.org.Lookups;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A list's filter by person or org, given as people give it: picked (a username or code), typed into the picker
 * ({@code _pick.org=城关社区}), or typed into the address ({@code ?org=城关}). One match is taken; several come back
 * as choices; none says so. Only among those the viewer may see, like the pickers.
 */
@Component
class NameFilters {

    private final Lookups lookups;

    NameFilters(Lookups lookups) {
        this.lookups = lookups;
    }

    /** A choice to offer when the text names several: the value for the link and what people read. */
    record Choice(String value, String label) {
    }

    /**
     * @param value   the resolved username or code (null: no filter, or not resolved)
     * @param text    what was typed and not resolved (shown back), with the choices it could mean
     */
    record Filter(String value, String text, List<Choice> choices) {

        public boolean unresolved() {
            return text != null;
        }
    }

    Filter org(String viewer, String picked, String typed) {
        String text = text(picked, typed);
        if (text == null) {
            return new Filter(null, null, List.of());
        }
        var resolved = lookups.resolveOrg(viewer, text, List.of(), false);
        return resolved.match().map(m -> new Filter(m.code(), null, List.of()))
                .orElseGet(() -> new Filter(null, text, resolved.candidates().stream()
                        .map(m -> new Choice(m.code(), m.name() + (m.org() == null ? "" : " · " + m.org()))).toList()));
    }

    Filter person(String viewer, String picked, String typed) {
        String text = text(picked, typed);
        if (text == null) {
            return new Filter(null, null, List.of());
        }
        var resolved = lookups.resolvePerson(viewer, text);
        return resolved.match().map(m -> new Filter(m.username(), null, List.of()))
                .orElseGet(() -> new Filter(null, text, resolved.candidates().stream()
                        .map(m -> new Choice(m.username(), m.name() + " · " + m.org())).toList()));
    }

    /** What was typed wins over an earlier pick still checked; blank is no filter. */
    private static String text(String picked, String typed) {
        if (typed != null && !typed.isBlank()) {
            return typed.strip();
        }
        return picked == null || picked.isBlank() ? null : picked.strip();
    }
}
