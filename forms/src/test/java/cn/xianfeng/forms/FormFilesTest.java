package cn.xianfeng.forms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form file at the module root is well formed, and every form key of every BPMN model resolves to a file.
 * (The engine's FormDefinitions does the full check at startup; the engine builds after this module.)
 */
class FormFilesTest {

    private static final String SUFFIX = ".form.json";
    private static final String FLOWABLE_NS = "http://flowable.org/bpmn";
    private static final Set<String> TYPES = Set.of("text", "textarea", "number", "date", "month", "datetime",
            "choice", "boolean", "person", "org", "attachment", "list", "group");
    /** What a column of a group may be: one plain value per cell. */
    private static final Set<String> COLUMN_TYPES = Set.of("text", "textarea", "number", "date", "month", "datetime",
            "choice", "boolean", "person", "org");
    private static final Set<String> ORG_TYPES = Set.of("COMMITTEE", "GENERAL_BRANCH", "BRANCH", "GROUP");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    void everyFormFileIsWellFormed() throws IOException {
        List<Path> files = formFiles();
        assertThat(files).as("form files at the module root").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(structureProblems(Files.readString(file), file.getFileName().toString()));
        }
        assertThat(problems).isEmpty();
    }

    /** People pick people, orgs and times from lists: no form asks anyone to type a username or an org code. */
    @Test
    void noFormAsksForAUsernameOrAnOrgCodeToBeTyped() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : formFiles()) {
            JsonNode root = JSON.readTree(Files.readString(file));
            for (JsonNode field : root.path("fields")) {
                if (field.path("readOnly").asBoolean(false)) {
                    continue;
                }
                JsonNode value = field.path("type").asText().equals("list") ? field.path("item") : field;
                String type = value.path("type").asText();
                String id = field.path("id").asText();
                String label = field.path("label").path("zh-CN").asText() + " " + field.path("label").path("en").asText();
                boolean named = id.matches("(?i).*(org|orgcode|member|applicant|host|recorder|group)s?")
                        || label.matches("(?s).*(编码|用户名|(?i)\\bcode\\b|user ?name).*");
                if (named && !type.equals("person") && !type.equals("org")) {
                    problems.add(file.getFileName() + ": " + id + " is typed as " + type + ", not picked");
                }
                if (label.matches("(?s).*(编码|用户名|(?i)\\bcode\\b|user ?name).*")) {
                    problems.add(file.getFileName() + ": " + id + "'s label asks for a code: " + label);
                }
                if (type.equals("datetime") && field.has("placeholder")) {
                    problems.add(file.getFileName() + ": " + id + " shows an ISO placeholder; the picker needs none");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void groupsAndOrgFieldsAreReported() {
        String bad = """
                {"key": "bad", "title": {"zh-CN": "标题", "en": "Title"},
                 "fields": [{"id": "g", "type": "group", "label": {"zh-CN": "甲", "en": "A"}},
                            {"id": "h", "type": "group", "label": {"zh-CN": "乙", "en": "B"},
                             "fields": [{"id": "f", "type": "attachment", "label": {"zh-CN": "丙"}}]},
                            {"id": "o", "type": "org", "orgTypes": ["PARTY"], "label": {"zh-CN": "丁", "en": "D"}}]}
                """;
        assertThat(structureProblems(bad, "bad.form.json")).containsExactlyInAnyOrder(
                "bad.form.json: field g: a group needs fields",
                "bad.form.json: field h: column f: type 'attachment' cannot be a column",
                "bad.form.json: field h: column f: label needs zh-CN and en",
                "bad.form.json: field o: unknown org type 'PARTY'");
    }

    @Test
    void everyFormFileIsPackagedUnderForms() throws IOException {
        Set<String> packaged = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:forms/*" + SUFFIX))
                .map(Resource::getFilename).collect(Collectors.toCollection(TreeSet::new));
        Set<String> atRoot = formFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(packaged).containsAll(atRoot);
    }

    @Test
    void everyFormKeyInTheProcessesHasAFormFile() throws Exception {
        Set<String> keys = formFiles().stream().map(p -> p.getFileName().toString())
                .map(n -> n.substring(0, n.length() - SUFFIX.length())).collect(Collectors.toSet());
        Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn20.xml");
        List<String> problems = new ArrayList<>();
        for (Resource model : models) {
            try (InputStream in = model.getInputStream()) {
                problems.addAll(unresolvedFormKeys(in, model.getFilename(), keys));
            }
        }
        System.out.printf("Checked the form keys of %d BPMN models against %d forms%n", models.length, keys.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownFormKeyIsReported() throws Exception {
        String bpmn = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="test">
                  <process id="fixture">
                    <startEvent id="start" flowable:formKey="report-start"/>
                    <userTask id="review" flowable:formKey="no-such-form"/>
                    <userTask id="plain"/>
                  </process>
                </definitions>
                """;
        List<String> problems = unresolvedFormKeys(
                new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)), "fixture.bpmn20.xml", Set.of("report-start"));
        assertThat(problems).containsExactly("fixture.bpmn20.xml: review has formKey 'no-such-form' but there is no no-such-form.form.json");
    }

    @Test
    void structuralProblemsAreReported() {
        String bad = """
                {"key": "other", "title": {"zh-CN": "标题"},
                 "fields": [{"id": "a", "type": "text", "label": {"zh-CN": "甲", "en": "A"}},
                            {"id": "a", "type": "colour", "label": {"zh-CN": "乙"}},
                            {"type": "choice", "label": {"zh-CN": "丙", "en": "C"}}]}
                """;
        assertThat(structureProblems(bad, "bad.form.json")).containsExactlyInAnyOrder(
                "bad.form.json: key 'other' does not match the file name",
                "bad.form.json: title needs zh-CN and en",
                "bad.form.json: field a: id used twice",
                "bad.form.json: field a: unknown type 'colour'",
                "bad.form.json: field a: label needs zh-CN and en",
                "bad.form.json: field #3 has no id",
                "bad.form.json: field #3: a choice needs options");
        assertThat(structureProblems("{not json", "x.form.json")).singleElement().asString().startsWith("x.form.json: not JSON");
    }

    private static List<Path> formFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("basedir", ".")))) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    static List<String> structureProblems(String json, String fileName) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return List.of(fileName + ": not JSON: " + e.getMessage());
        }
        String key = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (!key.equals(root.path("key").asText(null))) {
            problems.add(fileName + ": key '" + root.path("key").asText() + "' does not match the file name");
        }
        if (!bothLanguages(root.path("title"))) {
            problems.add(fileName + ": title needs zh-CN and en");
        }
        JsonNode fields = root.path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            problems.add(fileName + ": fields must be a non-empty array");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String id = field.path("id").asText("");
            String name = id.isEmpty() ? "field #" + (i + 1) : "field " + id;
            if (id.isEmpty()) {
                problems.add(fileName + ": " + name + " has no id");
            } else if (!ids.add(id)) {
                problems.add(fileName + ": " + name + ": id used twice");
            }
            String type = field.path("type").asText("");
            if (!TYPES.contains(type)) {
                problems.add(fileName + ": " + name + ": unknown type '" + type + "'");
            }
            if (!bothLanguages(field.path("label"))) {
                problems.add(fileName + ": " + name + ": label needs zh-CN and en");
            }
            if (type.equals("choice") && (!field.path("options").isArray() || field.path("options").isEmpty())) {
                problems.add(fileName + ": " + name + ": a choice needs options");
            }
            if (type.equals("list") && !field.path("item").isObject()) {
                problems.add(fileName + ": " + name + ": a list needs an item");
            }
            if (type.equals("group")) {
                JsonNode columns = field.path("fields");
                if (!columns.isArray() || columns.isEmpty()) {
                    problems.add(fileName + ": " + name + ": a group needs fields");
                }
                for (JsonNode column : columns) {
                    String at = fileName + ": " + name + ": column " + column.path("id").asText("?");
                    if (!COLUMN_TYPES.contains(column.path("type").asText())) {
                        problems.add(at + ": type '" + column.path("type").asText() + "' cannot be a column");
                    }
                    if (!bothLanguages(column.path("label"))) {
                        problems.add(at + ": label needs zh-CN and en");
                    }
                }
            }
            JsonNode value = type.equals("list") ? field.path("item") : field;
            for (JsonNode orgType : value.path("orgTypes")) {
                if (!ORG_TYPES.contains(orgType.asText())) {
                    problems.add(fileName + ": " + name + ": unknown org type '" + orgType.asText() + "'");
                }
            }
        }
        return problems;
    }

    private static boolean bothLanguages(JsonNode text) {
        return !text.path("zh-CN").asText("").isBlank() && !text.path("en").asText("").isBlank();
    }

    static List<String> unresolvedFormKeys(InputStream bpmn, String fileName, Set<String> formKeys) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(bpmn);
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (!element.hasAttributeNS(FLOWABLE_NS, "formKey")) {
                continue;
            }
            String key = element.getAttributeNS(FLOWABLE_NS, "formKey");
            String where = fileName + ": " + element.getAttribute("id");
            if (key.contains("${") || key.contains("#{")) {
                problems.add(where + " has an expression as formKey; use a fixed key");
            } else if (!formKeys.contains(key)) {
                problems.add(where + " has formKey '" + key + "' but there is no " + key + SUFFIX);
            }
        }
        return problems;
    }
}
