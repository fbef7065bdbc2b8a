package cn.xianfeng.portal.web;

import cn.xianfeng.org.Lookups;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormField;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a person typed into a picker without picking from its list (no script, or Enter too early): a username or
 * code is taken as it is, a name that names exactly one person or org the typist may see is taken, anything else
 * comes back asking them to pick, listing who it could be.
 */
@Component
class PickedNames {

    private final Lookups lookups;
    private final MessageSource messages;

    PickedNames(Lookups lookups, MessageSource messages) {
        this.lookups = lookups;
        this.messages = messages;
    }

    /** The value, or a message saying why the text names no one in particular. */
    record Outcome(String value, String problem) {
    }

    Outcome resolve(FormField spec, String typed, String actor, Locale locale) {
        String text = typed.strip();
        if (spec.type() == FieldType.ORG) {
            var resolved = lookups.resolveOrg(actor, text, spec.orgTypes().stream().map(OrgType::valueOf).toList(),
                    FormField.SCOPE_ALL.equals(spec.scope()));
            return outcome(text, resolved.match().map(Lookups.OrgMatch::code), resolved.candidates().stream()
                    .map(m -> m.name() + (m.org() == null ? "" : "（" + m.org() + "）")).collect(Collectors.joining("、")),
                    locale);
        }
        return person(text, actor, locale);
    }

    /** A person typed without picking (no script, or Enter before the list came): the one the text names, or why not. */
    Outcome person(String typed, String actor, Locale locale) {
        String text = typed.strip();
        var resolved = lookups.resolvePerson(actor, text);
        return outcome(text, resolved.match().map(Lookups.PersonMatch::username), resolved.candidates().stream()
                .map(m -> m.name() + "（" + m.org() + "）").collect(Collectors.joining("、")), locale);
    }

    private Outcome outcome(String text, Optional<String> match, String candidates, Locale locale) {
        if (match.isPresent()) {
            return new Outcome(match.get(), null);
        }
        String key = candidates.isEmpty() ? "picker.none" : "picker.ambiguous";
        return new Outcome(null, messages.getMessage(key, new Object[]{text, candidates}, locale));
    }
}
