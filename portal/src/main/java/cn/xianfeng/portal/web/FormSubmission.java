package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.Map;

/**
 * Reads an HTML form post into the values the engine validates: the definition says which fields are lists,
 * and files posted for attachment fields are stored first and replaced by their ids.
 */
@Component
class FormSubmission {

    private final Attachments attachments;

    FormSubmission(Attachments attachments) {
        this.attachments = attachments;
    }

    record Read(Map<String, Object> values, Map<String, String> uploadErrors) {

        /** A refused upload refuses the whole form, named at its field like any other bad value. */
        void requireUploadsStored() {
            if (!uploadErrors.isEmpty()) {
                throw new InvalidInputException(uploadErrors.entrySet().stream()
                        .map(e -> new InvalidInputException.Violation("data." + e.getKey(), e.getValue())).toList());
            }
        }
    }

    /** The refusal as the form shows it: the first message per field, keyed by the form's own field ids. */
    static Map<String, String> fieldErrors(InvalidInputException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        refused.violations().forEach(v -> errors.putIfAbsent(v.field().replaceFirst("^data\\.", ""), Refusals.text(v)));
        return errors;
    }

    Read read(FormDefinition form, HttpServletRequest request, String actor, String orgCode) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (FormField f : form.fields()) {
            boolean attachment = f.type() == FieldType.ATTACHMENT
                    || (f.type() == FieldType.LIST && f.item() != null && f.item().type() == FieldType.ATTACHMENT);
            if (attachment && request instanceof MultipartHttpServletRequest multipart) {
                List<String> ids = new ArrayList<>();
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
                if (!ids.isEmpty()) {
                    values.put(f.id(), f.type() == FieldType.LIST ? ids : ids.get(0));
                }
                continue;
            }
            String[] posted = request.getParameterValues(f.id());
            if (posted == null) {
                continue;
            }
            List<String> nonBlank = Arrays.stream(posted).filter(v -> !v.isBlank()).toList();
            if (f.type() == FieldType.LIST) {
                // a list typed into one box: "zhaoliu, sunqi" or "zhaoliu，sunqi"
                values.put(f.id(), nonBlank.stream().flatMap(v -> Arrays.stream(v.split("[,，;；\\s]+")))
                        .filter(v -> !v.isBlank()).toList());
            } else if (f.type() == FieldType.CHOICE && f.multiple()) {
                values.put(f.id(), nonBlank);
            } else if (!nonBlank.isEmpty()) {
                values.put(f.id(), nonBlank.get(0));
            }
        }
        return new Read(values, errors);
    }
}
