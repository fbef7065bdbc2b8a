package cn.xianfeng.points.internal;

import cn.xianfeng.points.AppraisalTypes.Grade;
import org.flowable.dmn.api.DmnDecision;
import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.dmn.api.DmnRepositoryService;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * processes/points.dmn, its latest deployed version: prices what an event earned (rule, points, category) and gives
 * the category's monthly cap; scores each 民主评议 grade of the yearly appraisal. The rules' descriptions are their names on pages (cached per deployed version).
 */
@Component
public class RuleTable {

    static final String RULES = "points-rules";
    static final String CAPS = "points-caps";
    static final String GRADES = "appraisal-grades";

    private final DmnDecisionService decisions;
    private final DmnRepositoryService repository;
    private final Map<String, Map<String, String>> names = new ConcurrentHashMap<>();

    RuleTable(DmnDecisionService decisions, DmnRepositoryService repository) {
        this.decisions = decisions;
        this.repository = repository;
    }

    /** The price of one earned thing; {@code points} already negated for a reversal. */
    record Priced(Earned earned, String rule, String category, int points, Integer cap, int version) {
    }

    /** The version every pricing now uses (the latest deployment of the table). */
    int version() {
        DmnDecision latest = repository.createDecisionQuery().decisionKey(RULES).latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException("points.dmn is not deployed");
        }
        return latest.getVersion();
    }

    /** What a row of the table gives for one set of inputs (a decision is a function of its inputs and version). */
    private record Row(String rule, String category, int points, Integer cap) {
    }

    /** Rows by version and inputs: each pricing would otherwise look the decision up and log its execution. */
    private final Map<String, java.util.Optional<Row>> rows = new ConcurrentHashMap<>();

    /** Null when no row of the table matches (the event then earns nothing). */
    Priced price(Earned earned, int version) {
        String meetingType = earned.meetingType() == null ? "" : earned.meetingType();
        String key = version + "\u0000" + earned.kind() + "\u0000" + meetingType + "\u0000" + earned.rate() + "\u0000"
                + earned.subjectKind();
        if (rows.size() > 10_000) {
            rows.clear();
        }
        Row row = rows.computeIfAbsent(key, k -> java.util.Optional.ofNullable(row(earned, meetingType))).orElse(null);
        if (row == null) {
            return null;
        }
        return new Priced(earned, row.rule(), row.category(), earned.negate() ? -row.points() : row.points(), row.cap(),
                version);
    }

    private Row row(Earned earned, String meetingType) {
        Map<String, Object> r = decisions.createExecuteDecisionBuilder().decisionKey(RULES)
                .variable("kind", earned.kind()).variable("meetingType", meetingType)
                .variable("rate", earned.rate()).executeWithSingleResult();
        if (r == null || !(r.get("rule") instanceof String rule) || !(r.get("category") instanceof String category)
                || !(r.get("points") instanceof Number points)) {
            return null;
        }
        Map<String, Object> c = decisions.createExecuteDecisionBuilder().decisionKey(CAPS)
                .variable("subject", earned.subjectKind()).variable("category", category).executeWithSingleResult();
        Integer cap = c != null && c.get("monthlyCap") instanceof Number n ? n.intValue() : null;
        return new Row(rule, category, points.intValue(), cap);
    }

    /** The score (0–100) of each 民主评议 grade in the latest table; a grade without a row, or out of range, is refused. */
    public Map<Grade, Integer> gradeScores() {
        Map<Grade, Integer> out = new EnumMap<>(Grade.class);
        for (Grade grade : Grade.values()) {
            Map<String, Object> r = decisions.createExecuteDecisionBuilder().decisionKey(GRADES)
                    .variable("grade", grade.name()).executeWithSingleResult();
            if (r == null || !(r.get("score") instanceof Number score) || score.intValue() < 0 || score.intValue() > 100) {
                throw new IllegalStateException("points.dmn gives no score between 0 and 100 for the grade " + grade);
            }
            out.put(grade, score.intValue());
        }
        return out;
    }

    /** The description of each rule row of the latest table, by rule id. */
    Map<String, String> ruleNames() {
        DmnDecision latest = repository.createDecisionQuery().decisionKey(RULES).latestVersion().singleResult();
        if (latest == null) {
            return Map.of();
        }
        return names.computeIfAbsent(latest.getId(), id -> {
            // the table's XML, not Flowable's model: its converter does not keep a rule's description
            Map<String, String> out = new HashMap<>();
            try (java.io.InputStream xml = repository.getDmnResource(id)) {
                javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setExpandEntityReferences(false);
                org.w3c.dom.NodeList rules = factory.newDocumentBuilder().parse(xml).getElementsByTagNameNS("*", "rule");
                for (int i = 0; i < rules.getLength(); i++) {
                    org.w3c.dom.Element rule = (org.w3c.dom.Element) rules.item(i);
                    org.w3c.dom.NodeList description = rule.getElementsByTagNameNS("*", "description");
                    if (description.getLength() > 0) {
                        out.put(rule.getAttribute("id"), description.item(0).getTextContent().strip());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("points.dmn cannot be read", e);
            }
            return out;
        });
    }
}
