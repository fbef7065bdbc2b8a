package cn.xianfeng.workflow;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FormValidatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;

    private final List<String> checked = new ArrayList<>();
    private final FormReferenceChecker checker = new FormReferenceChecker() {
        @Override
        public boolean personExists(String username) {
            checked.add("person:" + username);
            return Set.of("zhangsan", "lisi").contains(username);
        }

        @Override
        public boolean attachmentExists(String attachmentId) {
            checked.add("attachment:" + attachmentId);
            return attachmentId.equals("a1");
        }
    };
    private final FormValidator validator = FormValidator.of(checker, CLOCK);

    private static final FormDefinition FORM = FormDefinitions.parse("""
            {"key": "all", "title": {"zh-CN": "全部", "en": "All"}, "fields": [
              {"id": "name", "type": "text", "minLength": 2, "maxLength": 10, "label": {"zh-CN": "名称", "en": "Name"}},
              {"id": "code", "type": "text", "pattern": "[A-Z]{3}", "label": {"zh-CN": "代码", "en": "Code"}},
              {"id": "code2", "type": "text", "pattern": "[A-Z]{3}", "label": {"zh-CN": "代码2", "en": "Code 2"},
               "patternMessage": {"zh-CN": "三个大写字母", "en": "three capital letters"}},
              {"id": "notes", "type": "textarea", "label": {"zh-CN": "说明", "en": "Notes"}},
              {"id": "days", "type": "number", "integer": true, "min": 1, "max": 30, "label": {"zh-CN": "天数", "en": "Days"}},
              {"id": "hours", "type": "number", "min": 0.5, "label": {"zh-CN": "学时", "en": "Hours"}},
              {"id": "day", "type": "date", "min": "2025-01-01", "max": "today", "label": {"zh-CN": "日期", "en": "Date"}},
              {"id": "paidUntil", "type": "month", "label": {"zh-CN": "交至", "en": "Paid until"}},
              {"id": "at", "type": "datetime", "label": {"zh-CN": "时间", "en": "At"}},
              {"id": "kind", "type": "choice", "label": {"zh-CN": "类型", "en": "Kind"},
               "options": [{"value": "A", "label": {"zh-CN": "甲", "en": "A"}}, {"value": "B", "label": {"zh-CN": "乙", "en": "B"}}]},
              {"id": "kinds", "type": "choice", "multiple": true, "maxItems": 2, "label": {"zh-CN": "多类", "en": "Kinds"},
               "options": [{"value": "A", "label": {"zh-CN": "甲", "en": "A"}}, {"value": "B", "label": {"zh-CN": "乙", "en": "B"}},
                           {"value": "C", "label": {"zh-CN": "丙", "en": "C"}}]},
              {"id": "anonymous", "type": "boolean", "label": {"zh-CN": "匿名", "en": "Anonymous"}},
              {"id": "host", "type": "person", "label": {"zh-CN": "主持人", "en": "Host"}},
              {"id": "letter", "type": "attachment", "label": {"zh-CN": "申请书", "en": "Letter"}},
              {"id": "introducers", "type": "list", "minItems": 2, "maxItems": 2, "item": {"type": "person"},
               "label": {"zh-CN": "介绍人", "en": "Introducers"}},
              {"id": "fixed", "type": "text", "readOnly": true, "label": {"zh-CN": "只读", "en": "Read-only"}}
            ]}
            """, "all.form.json");

    private static final FormDefinition REVIEW = FormDefinitions.parse("""
            {"key": "review", "title": {"zh-CN": "审核", "en": "Review"}, "fields": [
              {"id": "decision", "type": "choice", "required": true, "label": {"zh-CN": "审核意见", "en": "Decision"},
               "options": [{"value": "APPROVE", "label": {"zh-CN": "同意", "en": "Approve"}},
                           {"value": "REJECT", "label": {"zh-CN": "退回", "en": "Reject"}}]},
              {"id": "reason", "type": "textarea", "maxLength": 10, "label": {"zh-CN": "理由", "en": "Reason"},
               "requiredWhen": {"field": "decision", "equals": "REJECT"},
               "visibleWhen": {"field": "decision", "equals": "REJECT"}},
              {"id": "detail", "type": "text", "label": {"zh-CN": "细节", "en": "Detail"},
               "visibleWhen": {"field": "reason", "in": ["other", "其他"]}},
              {"id": "note", "type": "text", "required": true, "label": {"zh-CN": "备注", "en": "Note"},
               "visibleWhen": {"field": "decision", "equals": "APPROVE"}}
            ]}
            """, "review.form.json");

    private ValidatedForm validate(FormDefinition form, Map<String, Object> values, Locale locale) {
        return validator.validate(form, values, locale);
    }

    private Map<String, String> errors(FormDefinition form, Map<String, Object> values, Locale locale) {
        ValidatedForm result = validate(form, values, locale);
        assertThat(result.valid()).isFalse();
        assertThat(result.values()).isEmpty();
        Map<String, String> errors = new HashMap<>();
        result.errors().forEach(e -> errors.put(e.field(), e.message()));
        return errors;
    }

    private String error(String field, Object value) {
        return errors(FORM, Map.of(field, value), ZH).get(field);
    }

    @Test
    void acceptsJsonTypesAndReturnsTypedValues() {
        Map<String, Object> input = new HashMap<>();
        input.put("name", "  先锋  ");
        input.put("code", "ABC");
        input.put("notes", "第一行\r\n\t第二行");
        input.put("days", 3);
        input.put("hours", 1.5);
        input.put("day", "2026-01-05");
        input.put("paidUntil", "2025-12");
        input.put("at", "2026-01-05T09:30:00+08:00");
        input.put("kind", "A");
        input.put("kinds", List.of("B", "A", "B"));
        input.put("anonymous", true);
        input.put("host", "zhangsan");
        input.put("letter", "a1");
        input.put("introducers", List.of("zhangsan", "lisi"));

        ValidatedForm result = validate(FORM, input, ZH);

        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.values()).containsExactly(
                Map.entry("name", "先锋"),
                Map.entry("code", "ABC"),
                Map.entry("notes", "第一行\n\t第二行"),
                Map.entry("days", 3L),
                Map.entry("hours", new BigDecimal("1.5")),
                Map.entry("day", LocalDate.of(2026, 1, 5)),
                Map.entry("paidUntil", YearMonth.of(2025, 12)),
                Map.entry("at", OffsetDateTime.parse("2026-01-05T09:30:00+08:00")),
                Map.entry("kind", "A"),
                Map.entry("kinds", List.of("B", "A")),
                Map.entry("anonymous", Boolean.TRUE),
                Map.entry("host", "zhangsan"),
                Map.entry("letter", "a1"),
                Map.entry("introducers", List.of("zhangsan", "lisi")));
        assertThat(checked).containsExactly("person:zhangsan", "attachment:a1", "person:zhangsan", "person:lisi");
    }

    @Test
    void acceptsStringsFromHtmlFormPosts() {
        ValidatedForm result = validate(FORM, Map.of("days", "3", "hours", "2.50", "anonymous", "false",
                "kinds", "C", "introducers", List.of("zhangsan", "", "lisi"), "name", List.of("先锋队")), ZH);

        assertThat(result.errors()).isEmpty();
        assertThat(result.values()).containsEntry("days", 3L).containsEntry("hours", new BigDecimal("2.50"))
                .containsEntry("anonymous", false).containsEntry("kinds", List.of("C"))
                .containsEntry("introducers", List.of("zhangsan", "lisi")).containsEntry("name", "先锋队");
    }

    @Test
    void blankValuesAreAbsent() {
        ValidatedForm result = validate(FORM, Map.of("name", "   ", "days", "", "introducers", List.of("", " ")), ZH);
        assertThat(result.valid()).isTrue();
        assertThat(result.values()).isEmpty();
    }

    @Test
    void checksText() {
        assertThat(error("name", "甲")).isEqualTo("不能少于 2 个字");
        assertThat(error("name", "一二三四五六七八九十十")).isEqualTo("不能多于 10 个字");
        assertThat(error("name", "a\u0000b")).isEqualTo("含有不允许的控制字符");
        assertThat(error("name", "ab\u0007")).isEqualTo("含有不允许的控制字符");
        assertThat(error("name", "a\rb")).isEqualTo("含有不允许的控制字符");
        assertThat(error("name", 12)).isEqualTo("应为文本");
        assertThat(error("name", Map.of("x", 1))).isEqualTo("值无效");
        assertThat(error("notes", "字".repeat(FormField.TEXTAREA_MAX_LENGTH + 1))).isEqualTo("不能多于 10000 个字");
        assertThat(validate(FORM, Map.of("notes", "字".repeat(FormField.TEXTAREA_MAX_LENGTH)), ZH).valid()).isTrue();
    }

    @Test
    void textHasADefaultMaximumLength() {
        FormDefinition form = FormDefinitions.parse("""
                {"key": "t", "title": {"zh-CN": "t", "en": "t"},
                 "fields": [{"id": "s", "type": "text", "label": {"zh-CN": "s", "en": "s"}}]}""", "t.form.json");
        assertThat(validate(form, Map.of("s", "x".repeat(2000)), ZH).valid()).isTrue();
        assertThat(validate(form, Map.of("s", "x".repeat(2001)), EN).errors())
                .containsExactly(new FieldError("s", "must have at most 2000 characters"));
    }

    @Test
    void checksPatterns() {
        assertThat(error("code", "abc")).isEqualTo("格式不正确");
        assertThat(error("code", "ABCD")).isEqualTo("格式不正确");
        assertThat(error("code2", "abc")).isEqualTo("三个大写字母");
        assertThat(errors(FORM, Map.of("code2", "abc"), EN)).containsEntry("code2", "three capital letters");
    }

    @Test
    void checksNumbers() {
        assertThat(error("days", 0)).isEqualTo("不能小于 1");
        assertThat(error("days", "31")).isEqualTo("不能大于 30");
        assertThat(error("days", 2.5)).isEqualTo("应为整数");
        assertThat(error("days", "abc")).isEqualTo("应为数字");
        assertThat(error("days", "1,000")).isEqualTo("应为数字");
        assertThat(error("days", true)).isEqualTo("应为数字");
        assertThat(error("hours", "1e999999")).isEqualTo("应为数字");
        assertThat(error("hours", Double.NaN)).isEqualTo("应为数字");
        assertThat(error("hours", "0.4")).isEqualTo("不能小于 0.5");
        assertThat(validate(FORM, Map.of("days", "3.0"), ZH).values()).containsEntry("days", 3L);
    }

    @Test
    void checksDatesMonthsAndTimes() {
        assertThat(error("day", "2026-01-06")).isEqualTo("不能晚于 2026-01-05");
        assertThat(error("day", "2024-12-31")).isEqualTo("不能早于 2025-01-01");
        assertThat(error("day", "2026-02-30")).isEqualTo("应为日期（yyyy-MM-dd）");
        assertThat(error("day", "05/01/2026")).isEqualTo("应为日期（yyyy-MM-dd）");
        assertThat(error("day", 20260105)).isEqualTo("应为日期（yyyy-MM-dd）");
        assertThat(error("paidUntil", "2025-13")).isEqualTo("应为年月（yyyy-MM）");
        assertThat(error("paidUntil", "2025-12-01")).isEqualTo("应为年月（yyyy-MM）");
        assertThat(error("at", "9:30 tomorrow")).startsWith("应为日期时间");
        assertThat(error("at", "2026-01-05T25:30")).startsWith("应为日期时间");
        assertThat(validate(FORM, Map.of("day", LocalDate.of(2025, 6, 1)), ZH).values())
                .containsEntry("day", LocalDate.of(2025, 6, 1));
    }

    @Test
    void checksChoicesAndBooleans() {
        assertThat(error("kind", "Z")).isEqualTo("不是可选的值：Z");
        assertThat(error("kind", List.of("A", "B"))).isEqualTo("值无效");
        assertThat(error("kinds", List.of("A", "Z"))).isEqualTo("第 2 项：不是可选的值：Z");
        assertThat(error("kinds", List.of("A", "B", "C"))).isEqualTo("最多 2 项");
        assertThat(error("kinds", 5)).isEqualTo("应为列表");
        assertThat(error("anonymous", "yes")).isEqualTo("应为“是”或“否”");
        assertThat(error("anonymous", 1)).isEqualTo("应为“是”或“否”");
    }

    @Test
    void aDateTimeWithoutOffsetIsInTheApplicationsZone() {
        // what a page's date-time picker and a person type: local time where the application runs (Asia/Shanghai)
        OffsetDateTime expected = OffsetDateTime.parse("2026-12-03T14:30:00+08:00");
        assertThat(validate(FORM, Map.of("at", "2026-12-03T14:30"), ZH).values()).containsEntry("at", expected);
        assertThat(validate(FORM, Map.of("at", "2026-12-03 14:30"), ZH).values()).containsEntry("at", expected);
        assertThat(validate(FORM, Map.of("at", "2026-12-03 14:30:00"), ZH).values()).containsEntry("at", expected);
        // the API keeps its offsets, whatever the zone
        assertThat(validate(FORM, Map.of("at", "2026-12-03T14:30:00Z"), ZH).values())
                .containsEntry("at", OffsetDateTime.parse("2026-12-03T14:30:00Z"));
        assertThat(error("at", "2026-12-03T14:30".repeat(5))).startsWith("应为日期时间");
    }

    private static final FormDefinition PICKED = FormDefinitions.parse("""
            {"key": "picked", "title": {"zh-CN": "选择", "en": "Picked"}, "fields": [
              {"id": "host", "type": "person", "label": {"zh-CN": "主持人", "en": "Host"}},
              {"id": "branch", "type": "org", "orgTypes": ["BRANCH"], "label": {"zh-CN": "支部", "en": "Branch"}},
              {"id": "destination", "type": "org", "orgTypes": ["BRANCH"], "scope": "all",
               "label": {"zh-CN": "转入支部", "en": "Destination"}},
              {"id": "orgs", "type": "list", "maxItems": 3, "item": {"type": "org"}, "label": {"zh-CN": "组织", "en": "Orgs"}},
              {"id": "votes", "type": "group", "minItems": 1, "maxItems": 3, "label": {"zh-CN": "表决", "en": "Votes"},
               "fields": [
                 {"id": "text", "type": "text", "required": true, "maxLength": 20, "label": {"zh-CN": "决议内容", "en": "Resolution"}},
                 {"id": "yes", "type": "number", "integer": true, "required": true, "min": 0, "label": {"zh-CN": "赞成", "en": "Yes"}},
                 {"id": "note", "type": "text", "label": {"zh-CN": "备注", "en": "Note"}}]}
            ]}
            """, "picked.form.json");

    /** zhangsan may be named by anyone here, lisi only by the system; orgs: B1 and G1 (a group) visible, B9 not. */
    private final FormReferenceChecker scoped = new FormReferenceChecker() {
        @Override
        public boolean personExists(String username) {
            return Set.of("zhangsan", "lisi").contains(username);
        }

        @Override
        public boolean attachmentExists(String attachmentId) {
            return false;
        }

        @Override
        public java.util.Optional<String> orgType(String code) {
            return java.util.Optional.ofNullable(Map.of("B1", "BRANCH", "B9", "BRANCH", "G1", "GROUP").get(code));
        }

        @Override
        public boolean personVisible(String viewer, String username) {
            return username.equals("zhangsan");
        }

        @Override
        public boolean orgVisible(String viewer, String code) {
            return !code.equals("B9");
        }
    };

    @Test
    void peopleAndOrgsMustBeWithinWhatTheActorMayPick() {
        FormValidator v = FormValidator.of(scoped, CLOCK);
        Map<String, Object> input = Map.of("host", "lisi", "branch", "G1", "orgs", List.of("B1", "B9"),
                "destination", "B9");
        Map<String, String> errors = new HashMap<>();
        v.validate(PICKED, input, ZH, "zhangsan").errors().forEach(e -> errors.put(e.field(), e.message()));
        assertThat(errors).containsOnly(Map.entry("host", "不在您可选择的人员范围内：lisi"),
                Map.entry("branch", "应为党支部"), Map.entry("orgs", "第 2 项：不在您可选择的组织范围内：B9"));
        // a destination anywhere is allowed (scope all); the system (no actor) names anyone who exists
        assertThat(v.validate(PICKED, Map.of("host", "lisi", "branch", "B9", "votes", List.of(Map.of("text", "甲", "yes", 1))),
                ZH, null).valid()).isTrue();
        assertThat(v.validate(PICKED, Map.of("branch", "X1"), EN, null).errors())
                .contains(new FieldError("branch", "no such org: X1"));
    }

    @Test
    void aGroupIsRowsOfTypedCellsEachBadCellNamedWithItsRowAndColumn() {
        FormValidator v = FormValidator.of(scoped, CLOCK);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("text", "同意接收张某", "yes", "5"));
        rows.add(Map.of("text", "", "yes", "", "note", " "));  // a blank row, as a page offers it
        rows.add(Map.of("text", "调整党小组", "yes", 2, "note", "补充"));
        ValidatedForm ok = v.validate(PICKED, Map.of("votes", rows), ZH, null);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.values().get("votes")).isEqualTo(List.of(Map.of("text", "同意接收张某", "yes", 5L),
                Map.of("text", "调整党小组", "yes", 2L, "note", "补充")));

        ValidatedForm bad = v.validate(PICKED, Map.of("votes", List.of(Map.of("text", "甲", "yes", "多"),
                Map.of("yes", -1, "colour", "red"), "not a row")), ZH, null);
        assertThat(bad.errors()).containsExactlyInAnyOrder(
                new FieldError("votes[0].yes", "第 1 行「赞成」：应为数字"),
                new FieldError("votes[1].colour", "第 2 行：未知字段"),
                new FieldError("votes[1].yes", "第 2 行「赞成」：不能小于 0"),
                new FieldError("votes[1].text", "第 2 行「决议内容」：必填"),
                new FieldError("votes[2]", "第 3 行：应为一行（对象）"));
        assertThat(v.validate(PICKED, Map.of("votes", List.of(Map.of("yes", 1))), EN, null).errors())
                .containsExactly(new FieldError("votes[0].text", "row 1, Resolution: must not be empty"));
        // more rows than allowed are refused before any is looked at; a lone object is one row; text is not rows
        List<Map<String, Object>> many = java.util.Collections.nCopies(4, Map.of("text", "甲", "yes", 1));
        assertThat(v.validate(PICKED, Map.of("votes", many), ZH, null).errors())
                .containsExactly(new FieldError("votes", "最多 3 项"));
        assertThat(v.validate(PICKED, Map.of("votes", Map.of("text", "甲", "yes", 1)), ZH, null).valid()).isTrue();
        assertThat(v.validate(PICKED, Map.of("votes", "甲｜1"), ZH, null).errors())
                .containsExactly(new FieldError("votes", "应为若干行"));
    }

    @Test
    void consultsTheReferenceChecker() {
        assertThat(error("host", "wangwu")).isEqualTo("人员不存在：wangwu");
        assertThat(error("letter", "a2")).isEqualTo("附件不存在：a2");
        assertThat(error("introducers", List.of("zhangsan", "wangwu"))).isEqualTo("第 2 项：人员不存在：wangwu");
        assertThat(error("introducers", List.of("zhangsan"))).isEqualTo("至少需要 2 项");
        assertThat(error("introducers", "zhangsan")).isEqualTo("至少需要 2 项");
        assertThat(checked).contains("person:wangwu", "attachment:a2");
    }

    @Test
    void failsClosedWithoutAReferenceChecker() {
        FormValidator unchecked = FormValidator.of((FormReferenceChecker) null, CLOCK);
        assertThat(unchecked.validate(FORM, Map.of("host", "zhangsan", "letter", "a1"), ZH).errors()).containsExactly(
                new FieldError("host", "无法核验（未配置核验服务）"),
                new FieldError("letter", "无法核验（未配置核验服务）"));
        assertThat(unchecked.validate(FORM, Map.of("name", "先锋"), ZH).valid()).isTrue();
    }

    @Test
    void refusesUnknownFieldsAndIgnoresReadOnlyOnes() {
        assertThat(errors(FORM, Map.of("name", "先锋", "admin", true), ZH)).containsExactly(Map.entry("admin", "未知字段"));
        assertThat(errors(FORM, Map.of("admin", true), EN)).containsExactly(Map.entry("admin", "unknown field"));
        ValidatedForm result = validate(FORM, Map.of("fixed", "forged"), ZH);
        assertThat(result.valid()).isTrue();
        assertThat(result.values()).doesNotContainKey("fixed");
    }

    @Test
    void requiredAndRequiredWhen() {
        assertThat(errors(REVIEW, Map.of(), ZH)).containsExactly(Map.entry("decision", "必填"));
        assertThat(errors(REVIEW, Map.of("decision", "REJECT"), ZH)).containsExactly(Map.entry("reason", "必填"));
        assertThat(errors(REVIEW, Map.of("decision", "REJECT", "reason", " "), EN))
                .containsExactly(Map.entry("reason", "must not be empty"));
        assertThat(validate(REVIEW, Map.of("decision", "REJECT", "reason", "材料不全"), ZH).values())
                .containsExactly(Map.entry("decision", "REJECT"), Map.entry("reason", "材料不全"));
    }

    @Test
    void hiddenFieldsAreDroppedAndNotRequired() {
        ValidatedForm approved = validate(REVIEW, Map.of("decision", "APPROVE", "note", "好",
                "reason", "forged reason, far too long", "detail", "x"), ZH);
        assertThat(approved.errors()).isEmpty();
        assertThat(approved.values()).containsExactly(Map.entry("decision", "APPROVE"), Map.entry("note", "好"));

        // detail depends on reason, which is hidden: detail is hidden too
        ValidatedForm chained = validate(REVIEW, Map.of("decision", "APPROVE", "note", "好", "reason", "other", "detail", "x"), ZH);
        assertThat(chained.values()).doesNotContainKeys("reason", "detail");

        ValidatedForm rejected = validate(REVIEW, Map.of("decision", "REJECT", "reason", "other", "detail", "说明"), ZH);
        assertThat(rejected.values()).containsEntry("detail", "说明").doesNotContainKey("note");
    }

    @Test
    void listsEveryBadFieldAtOnce() {
        Map<String, Object> input = new HashMap<>();
        input.put("name", "x");
        input.put("days", "99");
        input.put("day", "tomorrow");
        input.put("kind", "Z");
        input.put("host", "nobody");
        input.put("extra", "?");
        ValidatedForm result = validate(FORM, input, EN);
        assertThat(result.errors()).containsExactly(
                new FieldError("name", "must have at least 2 characters"),
                new FieldError("days", "must not be greater than 30"),
                new FieldError("day", "must be a date (yyyy-MM-dd)"),
                new FieldError("kind", "is not one of the options: Z"),
                new FieldError("host", "no such person: nobody"),
                new FieldError("extra", "unknown field"));
    }

    @Test
    void messagesAreChineseUnlessEnglishIsAsked() {
        assertThat(errors(REVIEW, Map.of(), Locale.US)).containsEntry("decision", "must not be empty");
        assertThat(errors(REVIEW, Map.of(), Locale.FRENCH)).containsEntry("decision", "必填");
        assertThat(errors(REVIEW, Map.of(), null)).containsEntry("decision", "必填");
        assertThat(errors(REVIEW, Map.of(), Locale.TRADITIONAL_CHINESE)).containsEntry("decision", "必填");
    }

    @Test
    void conditionsHold() {
        assertThat(new Condition("a", "true", null).holds(Map.of("a", true))).isTrue();
        assertThat(new Condition("a", null, List.of("X", "Y")).holds(Map.of("a", " Y "))).isTrue();
        assertThat(new Condition("a", null, List.of("X", "Y")).holds(Map.of("a", List.of("Z", "X")))).isTrue();
        assertThat(new Condition("a", "X", null).holds(Map.of())).isFalse();
        assertThat(new Condition("a", "X", null).holds(null)).isFalse();
    }
}
