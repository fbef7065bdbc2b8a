package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import cn.xianfeng.workflow.FormValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTML form post into the values the engine validates: the definition says which fields are lists and
 * groups; pickers post the picked usernames and codes (and what was typed without picking, resolved here); files
 * posted for attachment fields are stored first, in their own transaction, so that a form coming back with errors
 * keeps them (posted back as the ids of files the same person uploaded and no other case holds).
 */
@Component
class FormSubmission {

    static final String PICK = "_pick.";
    /** The no-script add/remove row buttons' parameter. */
    static final String ROWS = "_rows";

    private final Attachments attachments;
    private final PickedNames names;
    private final FormValidator validator;
    private final MessageSource messages;

    FormSubmission(Attachments attachments, PickedNames names, FormValidator validator, MessageSource messages) {
        this.attachments = attachments;
        this.names = names;
        this.validator = validator;
        this.messages = messages;
    }

    /**
     * @param values what the engine gets
     * @param errors fields refused before the engine saw them (a refused upload, a name that names no one)
     * @param typed  what was typed into pickers, shown back when the form returns
     */
    record Read(Map<String, Object> values, Map<String, String> errors, Map<String, String> typed, String rowAction) {

        boolean changesRows() {
            return rowAction != null;
        }
    }

    /** The refusal as the form shows it: the first message per field, keyed by the form's own field ids. */
    static Map<String, String> fieldErrors(InvalidInputException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        // a group's cell (data.resolutions[1].yes) is shown at its group; its message names the row and column
        refused.violations().forEach(v -> errors.putIfAbsent(v.field().replaceFirst("^data\\.", "")
                .replaceFirst("\\[.*$", ""), Refusals.text(v)));
        return errors;
    }

    /**
     * Refuses the form when something was refused before the engine saw it, listing the other fields' problems too
     * (the validator's view of the rest), so that one round shows every bad field.
     */
    void requireReadable(Read read, FormDefinition form, Locale locale, String actor) {
        if (read.errors().isEmpty()) {
            return;
        }
        List<InvalidInputException.Violation> all = new ArrayList<>();
        read.errors().forEach((f, m) -> all.add(new InvalidInputException.Violation("data." + f, m)));
        Map<String, Object> rest = new HashMap<>(read.values());
        read.errors().keySet().forEach(rest::remove);
        validator.validate(form, rest, locale, actor).errors().stream()
                .filter(e -> !read.errors().containsKey(e.field().replaceFirst("\\[.*$", "")))
                .forEach(e -> all.add(new InvalidInputException.Violation("data." + e.field(), e.message())));
        throw new InvalidInputException(all);
    }

    Read read(FormDefinition form, HttpServletRequest request, String actor, String orgCode, String caseId,
              Locale locale) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, String> typed = new HashMap<>();
        String rowAction = request.getParameter(ROWS);
        for (FormField f : form.fields()) {
            if (f.readOnly()) {
                continue;
            }
            if (f.valueType() == FieldType.ATTACHMENT) {
                List<String> ids = files(f, request, actor, orgCode, caseId, errors, locale);
                if (!ids.isEmpty()) {
                    values.put(f.id(), f.type() == FieldType.LIST ? ids : ids.get(ids.size() - 1));
                }
                continue;
            }
            if (f.type() == FieldType.GROUP) {
                List<Map<String, Object>> rows = GroupRows.read(f, request.getParameterMap());
                if (rowAction != null) {
                    rows = GroupRows.apply(rowAction, f.id(), rows);
                }
                if (!rows.isEmpty()) {
                    values.put(f.id(), rows);
                }
                continue;
            }
            String[] posted = request.getParameterValues(f.id());
            List<String> nonBlank = posted == null ? new ArrayList<>()
                    : new ArrayList<>(Arrays.stream(posted).filter(v -> !v.isBlank()).toList());
            if (f.valueType().isReference()) {
                picked(f, request.getParameter(PICK + f.id()), nonBlank, actor, locale, errors, typed);
            }
            if (nonBlank.isEmpty()) {
                continue;
            }
            if (f.type() == FieldType.LIST) {
                // a list typed into one box: "zhaoliu, sunqi" or "zhaoliu，sunqi"
                values.put(f.id(), nonBlank.stream().flatMap(v -> Arrays.stream(v.split("[,，、;；\\s]+")))
                        .filter(v -> !v.isBlank()).distinct().toList());
            } else if (f.type() == FieldType.CHOICE && f.multiple()) {
                values.put(f.id(), nonBlank);
            } else {
                // a picker's last pick wins (without script the earlier chip stays checked)
                values.put(f.id(), nonBlank.get(nonBlank.size() - 1));
            }
        }
        return new Read(values, errors, typed, rowAction);
    }

    /** Resolves what was typed into a picker; a single field's typed name replaces its earlier pick. */
    private void picked(FormField f, String text, List<String> values, String actor, Locale locale,
                        Map<String, String> errors, Map<String, String> typed) {
        if (text == null || text.isBlank()) {
            return;
        }
        FormField spec = f.type() == FieldType.LIST ? f.item() : f;
        List<String> parts = f.type() == FieldType.LIST ? Arrays.stream(text.split("[,，、;；]+"))
                .filter(s -> !s.isBlank()).toList() : List.of(text);
        List<String> unresolved = new ArrayList<>();
        for (String part : parts) {
            PickedNames.Outcome outcome = names.resolve(spec, part, actor, locale);
            if (outcome.value() == null) {
                errors.putIfAbsent(f.id(), outcome.problem());
                unresolved.add(part.strip());
            } else {
                if (f.type() != FieldType.LIST) {
                    values.clear();
                }
                values.add(outcome.value());
            }
        }
        if (!unresolved.isEmpty()) {
            typed.put(f.id(), String.join("、", unresolved));
        }
    }

    /** Files kept from an earlier round (only this person's, unbound or of this case), then the new uploads. */
    private List<String> files(FormField f, HttpServletRequest request, String actor, String orgCode, String caseId,
                               Map<String, String> errors, Locale locale) {
        List<String> ids = new ArrayList<>();
        for (String id : request.getParameterValues(f.id()) == null ? new String[0] : request.getParameterValues(f.id())) {
            if (id.isBlank()) {
                continue;
            }
            Attachment kept = attachments.find(id.strip()).orElse(null);
            if (kept == null || !kept.uploadedBy().equals(actor)
                    || kept.caseId() != null && !kept.caseId().equals(caseId)) {
                errors.put(f.id(), messages.getMessage("form.file.notKept", null, locale));
            } else if (!ids.contains(kept.id())) {
                ids.add(kept.id());
            }
        }
        if (request instanceof MultipartHttpServletRequest multipart) {
            for (MultipartFile file : multipart.getFiles(f.id())) {
                if (file.isEmpty()) {
                    continue;
                }
                try (InputStream in = file.getInputStream()) {
                    ids.add(attachments.store(null, file.getOriginalFilename(), in, actor, orgCode).id());
                } catch (IOException | InvalidInputException | TooLargeException | UnsupportedTypeException e) {
                    errors.put(f.id(), e instanceof InvalidInputException i ? Refusals.text(i.violations().get(0)) : e.getMessage());
                }
            }
        }
        return ids;
    }
}
