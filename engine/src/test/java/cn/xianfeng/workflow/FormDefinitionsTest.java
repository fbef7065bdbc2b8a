package cn.xianfeng.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormDefinitionsTest {

    private static final String LABEL = "\"label\": {\"zh-CN\": \"标签\", \"en\": \"Label\"}";

    /** A form file "t.form.json" holding these fields. */
    private static String form(String... fields) {
        return "{\"key\": \"t\", \"title\": {\"zh-CN\": \"标题\", \"en\": \"Title\"}, \"fields\": ["
                + String.join(",", fields) + "]}";
    }

    private static String field(String id, String type, String more) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", " + LABEL + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static void assertProblem(String json, String fileName, String expected) {
        assertThatThrownBy(() -> FormDefinitions.parse(json, fileName))
                .isInstanceOf(InvalidFormException.class)
                .hasMessageContaining(fileName)
                .satisfies(e -> assertThat(((InvalidFormException) e).problems()).anyMatch(p -> p.contains(expected)));
    }

    private static void assertProblem(String json, String expected) {
        assertProblem(json, "t.form.json", expected);
    }

    @Test
    void parsesACompleteDefinition() {
        FormDefinition form = FormDefinitions.parse(form(
                field("decision", "choice", """
                        "required": true, "options": [{"value": "APPROVE", "label": {"zh-CN": "同意", "en": "Approve"}},
                        {"value": "REJECT", "label": {"zh-CN": "退回", "en": "Reject"}}]"""),
                field("reason", "textarea", """
                        "maxLength": 1000, "requiredWhen": {"field": "decision", "equals": "REJECT"},
                        "visibleWhen": {"field": "decision", "in": ["REJECT"]}"""),
                field("count", "number", "\"min\": 0, \"max\": 10, \"integer\": true"),
                field("when", "date", "\"min\": \"2020-01-01\", \"max\": \"today\""),
                field("people", "list", "\"minItems\": 1, \"maxItems\": 3, \"item\": {\"type\": \"person\"}")),
                "t.form.json");

        assertThat(form.key()).isEqualTo("t");
        assertThat(form.title().in(Locale.ENGLISH)).isEqualTo("Title");
        assertThat(form.title().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("标题");
        assertThat(form.title().in(null)).isEqualTo("标题");
        assertThat(form.fields()).extracting(FormField::id).containsExactly("decision", "reason", "count", "when", "people");
        FormField decision = form.field("decision").orElseThrow();
        assertThat(decision.type()).isEqualTo(FieldType.CHOICE);
        assertThat(decision.options()).extracting(FormOption::value).containsExactly("APPROVE", "REJECT");
        assertThat(decision.label(Locale.US)).isEqualTo("Label");
        FormField reason = form.field("reason").orElseThrow();
        assertThat(reason.requiredWhen()).isEqualTo(new Condition("decision", "REJECT", null));
        assertThat(reason.visibleWhen().in()).containsExactly("REJECT");
        assertThat(form.field("count").orElseThrow().min()).isEqualTo("0");
        assertThat(form.field("when").orElseThrow().max()).isEqualTo("today");
        assertThat(form.field("people").orElseThrow().item().type()).isEqualTo(FieldType.PERSON);
        assertThat(form.field("nope")).isEmpty();
    }

    @Test
    void serializesBackToTheFileFormat() throws Exception {
        FormDefinition form = FormDefinitions.parse(form(
                field("decision", "choice", """
                        "required": true, "options": [{"value": "A", "label": {"zh-CN": "甲", "en": "A"}}]"""),
                field("n", "number", "\"min\": 1.5, \"visibleWhen\": {\"field\": \"decision\", \"equals\": \"A\"}"),
                field("l", "list", "\"item\": {\"type\": \"text\", \"maxLength\": 5}")), "t.form.json");
        String json = new ObjectMapper().writeValueAsString(form);
        assertThat(json).contains("\"zh-CN\":\"标题\"", "\"type\":\"choice\"").doesNotContain("\"readOnly\"");
        assertThat(FormDefinitions.parse(json, "t.form.json")).isEqualTo(form);
    }

    @Test
    void reportsEachStructuralProblemNamingTheFile() {
        assertProblem("{not json", "t.form.json", "not valid JSON");
        assertProblem("[]", "the file must hold a JSON object");
        assertProblem(form(field("a", "text", "")), "other.form.json", "key 't' must equal the file name 'other'");
        assertProblem(form(field("a", "text", "")), "t.json", "must end with .form.json");
        assertProblem("{\"key\": \"t\", \"title\": {\"zh-CN\": \"标题\"}, \"fields\": [" + field("a", "text", "") + "]}",
                "title: 'en' is required");
        assertProblem("{\"key\": \"t\", \"title\": {\"zh-CN\": \"标题\", \"en\": \"T\"}, \"fields\": []}",
                "'fields' must be a non-empty array");
        assertProblem(form(field("a", "text", ""), field("a", "number", "")), "field id 'a' is used more than once");
        assertProblem(form(field("1a", "text", "")), "must be letters, digits and _");
        assertProblem(form("{\"type\": \"text\", " + LABEL + "}"), "fields[0]: 'id' is required");
        assertProblem(form(field("a", "colour", "")), "field 'a': unknown type 'colour'");
        assertProblem(form("{\"id\": \"a\", \"type\": \"text\", \"label\": {\"zh-CN\": \"甲\"}}"), "field 'a' label: 'en' is required");
        assertProblem(form("{\"id\": \"a\", \"type\": \"text\"}"), "field 'a': 'label' is required");
        assertProblem(form(field("a", "text", "\"requried\": true")), "unknown attribute 'requried'");
        assertProblem(form(field("a", "choice", "")), "a choice needs 'options'");
        assertProblem(form(field("a", "choice", "\"options\": [{\"value\": \"X\", " + LABEL + "}, {\"value\": \"X\", " + LABEL + "}]")),
                "option value 'X' is used more than once");
        assertProblem(form(field("a", "list", "")), "a list needs 'item'");
        assertProblem(form(field("a", "list", "\"item\": {\"type\": \"list\", \"item\": {\"type\": \"text\"}}")),
                "a list item must not be a list");
        assertProblem(form(field("a", "list", "\"item\": {\"id\": \"x\", \"type\": \"text\"}")),
                "a list item must not have 'id'");
        assertProblem(form(field("a", "text", "\"requiredWhen\": {\"field\": \"b\", \"equals\": \"X\"}")),
                "field 'a' requiredWhen refers to unknown field 'b'");
        assertProblem(form(field("a", "text", "\"visibleWhen\": {\"field\": \"a\", \"equals\": \"X\"}")),
                "refers to the field itself");
        assertProblem(form(field("a", "text", "\"visibleWhen\": {\"field\": \"b\", \"equals\": \"X\"}"),
                        field("b", "text", "\"visibleWhen\": {\"field\": \"a\", \"equals\": \"X\"}")),
                "visibleWhen conditions form a cycle");
        assertProblem(form(field("d", "choice", "\"options\": [{\"value\": \"X\", " + LABEL + "}]"),
                        field("a", "text", "\"visibleWhen\": {\"field\": \"d\", \"equals\": \"Y\"}")),
                "'Y' is not an option of 'd'");
        assertProblem(form(field("a", "text", "\"visibleWhen\": {\"field\": \"a\"}")), "needs exactly one of 'equals' and 'in'");
        assertProblem(form(field("a", "text", "\"minLength\": 5, \"maxLength\": 2")), "minLength 5 is greater than maxLength 2");
        assertProblem(form(field("a", "number", "\"min\": 5, \"max\": 2")), "min 5 is greater than max 2");
        assertProblem(form(field("a", "date", "\"min\": \"2026-02-01\", \"max\": \"2026-01-01\"")), "min 2026-02-01 is after max");
        assertProblem(form(field("a", "date", "\"max\": \"yesterday\"")), "'max' must be a date yyyy-MM-dd or \"today\"");
        assertProblem(form(field("a", "list", "\"minItems\": 3, \"maxItems\": 1, \"item\": {\"type\": \"text\"}")),
                "minItems 3 is greater than maxItems 1");
        assertProblem(form(field("a", "text", "\"pattern\": \"[a-\"")), "pattern does not compile");
        assertProblem(form(field("a", "number", "\"pattern\": \"x\"")), "'pattern' does not apply to type number");
        assertProblem(form(field("a", "text", "\"options\": []")), "'options' does not apply to type text");
        assertProblem(form(field("a", "text", "\"required\": \"yes\"")), "'required' must be true or false");
        assertProblem(form(field("a", "text", "\"maxLength\": -1")), "'maxLength' must be a whole number");
    }

    @Test
    void checksOrgFieldsGroupsAndPrefill() {
        String column = "{\"id\": \"yes\", \"type\": \"number\", " + LABEL + "}";
        FormDefinition ok = FormDefinitions.parse(form(
                field("o", "org", "\"orgTypes\": [\"BRANCH\"], \"scope\": \"all\", \"prefill\": true"),
                field("g", "group", "\"maxItems\": 5, \"fields\": [" + column + "]")), "t.form.json");
        assertThat(ok.field("o").orElseThrow().orgTypes()).containsExactly("BRANCH");
        assertThat(ok.field("o").orElseThrow().prefill()).isTrue();
        assertThat(ok.field("g").orElseThrow().column("yes")).isPresent();
        assertThat(ok.field("g").orElseThrow().effectiveMaxItems()).isEqualTo(5);

        assertProblem(form(field("g", "group", "")), "a group needs 'fields'");
        assertProblem(form(field("g", "group", "\"fields\": []")), "'fields' must be a non-empty array");
        assertProblem(form(field("g", "group", "\"fields\": [" + column + "," + column + "]")),
                "column id 'yes' is used more than once");
        assertProblem(form(field("g", "group", "\"fields\": [{\"id\": \"f\", \"type\": \"attachment\", " + LABEL + "}]")),
                "column 'f' must hold one plain value");
        assertProblem(form(field("g", "group", "\"fields\": [{\"id\": \"f\", \"type\": \"text\", \"readOnly\": true, " + LABEL + "}]")),
                "a group's column must not have 'readOnly'");
        assertProblem(form(field("g", "group", "\"maxItems\": 1000, \"fields\": [" + column + "]")), "at most 100 rows");
        assertProblem(form(field("a", "text", "\"fields\": [" + column + "]")), "'fields' does not apply to type text");
        assertProblem(form(field("g", "group", "\"fields\": [" + column + "]"),
                field("a", "text", "\"visibleWhen\": {\"field\": \"g\", \"equals\": \"X\"}")), "must not depend on the group 'g'");
        assertProblem(form(field("o", "org", "\"orgTypes\": [\"PARTY\"]")), "orgTypes may hold only");
        assertProblem(form(field("o", "org", "\"scope\": \"county\"")), "scope must be one of");
        assertProblem(form(field("p", "person", "\"orgTypes\": [\"BRANCH\"]")), "'orgTypes' does not apply to type person");
        assertProblem(form(field("a", "list", "\"item\": {\"type\": \"text\", \"prefill\": true}")),
                "a list item must not have 'prefill'");
        assertProblem(form(field("a", "list", "\"item\": {\"type\": \"group\", \"fields\": [" + column + "]}")),
                "a list item must not be a group");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> FormDefinitions.parse(form(field("a", "colour", ""), field("a", "text", "\"x\": 1")), "t.form.json"))
                .isInstanceOfSatisfying(InvalidFormException.class, e -> {
                    assertThat(e.fileName()).isEqualTo("t.form.json");
                    assertThat(e.problems()).hasSize(3);
                });
    }
}
