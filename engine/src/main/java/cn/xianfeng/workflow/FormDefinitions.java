package cn.xianfeng.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@code <key>.form.json} file and checks its structure, collecting every problem. Plain Java: no Spring.
 */
public final class FormDefinitions {

    public static final String SUFFIX = ".form.json";
    static final String TODAY = "today";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> ROOT_ATTRIBUTES = Set.of("key", "title", "fields");
    static final Set<String> FIELD_ATTRIBUTES = Set.of("id", "type", "label", "help", "placeholder",
            "required", "requiredWhen", "visibleWhen", "readOnly", "minLength", "maxLength", "pattern",
            "patternMessage", "min", "max", "integer", "options", "multiple", "item", "minItems", "maxItems", "fields",
            "orgTypes", "scope", "prefill");
    static final Set<String> ITEM_FORBIDDEN = Set.of("id", "required", "requiredWhen", "visibleWhen", "readOnly",
            "prefill");
    /** A group's columns are plain values: no conditions, nothing read-only, no files, lists or nested groups. */
    static final Set<String> COLUMN_FORBIDDEN = Set.of("requiredWhen", "visibleWhen", "readOnly", "prefill");
    static final Set<String> ORG_TYPES = Set.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH", "GROUP");
    static final Set<String> SCOPES = Set.of("visible", FormField.SCOPE_ALL);

    private FormDefinitions() {
    }

    public static FormDefinition parse(String json, String fileName) {
        return parse(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), fileName);
    }

    /**
     * @param fileName the file's name or path; its last segment must be {@code <key>.form.json}
     * @throws InvalidFormException naming the file and listing every problem
     */
    public static FormDefinition parse(InputStream in, String fileName) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new InvalidFormException(fileName, List.of("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + fileName, e);
        }
        FormReader reader = new FormReader();
        FormDefinition form = reader.form(root, expectedKey(fileName));
        if (!reader.problems.isEmpty()) {
            throw new InvalidFormException(fileName, reader.problems);
        }
        return form;
    }

    static String expectedKey(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : null;
    }
}
