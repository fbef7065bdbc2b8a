package cn.xianfeng.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person reads on a page or in a document, and the internal codes in it: enum constants, step ids, UUIDs and
 * org codes. Attributes, scripts, styles and a designated code column ({@code <code>}, {@code class="code"}) are not
 * read; everything else is.
 */
final class CodeScan {

    private static final Pattern HIDDEN = Pattern.compile(
            "(?is)<(script|style|code|template|svg)\\b[^>]*>.*?</\\1>|<!--.*?-->|<[^>]+\\bclass=\"[^\"]*\\bcode\\b[^\"]*\"[^>]*>[^<]*");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    /** Words that are upper case and no code: formats and standards people know. */
    private static final Set<String> WORDS = Set.of("HTTP", "HTTPS", "JSON", "XLSX", "HTML", "REST", "UTF", "ECHARTS",
            "BPMN", "SHA", "PDF", "OPENAPI", "CSV", "TODO", "JPEG", "XML", "DOCX");
    private static final Pattern ENUM = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b[A-Z]{4,}\\b");
    private static final Pattern STEP = Pattern.compile("\\bstep\\d\\d\\b");
    private static final Pattern UUID = Pattern.compile(
            "(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern ORG = Pattern.compile("\\b[A-Z]\\d{2}(?:-[A-Z]+\\d+)+\\b|\\bC\\d{2}\\b");
    private static final Pattern RESOURCE = Pattern.compile("\\b[\\w-]+\\.(?:dmn|bpmn|bpmn20\\.xml)\\b");
    /** A year or count formatted with a grouping separator where none belongs: 我的会议（2,026 年）. */
    private static final Pattern GROUPED_YEAR = Pattern.compile("\\b[12],\\d{3}\\s*年");
    private static final Pattern CAMEL = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

    private final Set<String> stepIds;

    /** {@code stepIds}: every step id of the deployed processes, each a leak when it stands as a word in Chinese text. */
    CodeScan(Set<String> stepIds) {
        this.stepIds = stepIds;
    }

    /**
     * Codes shown on purpose, as what they are: a document's verification code, a complaint's tracking code on its
     * public progress page (random letters and digits: one in thirty has no digit and looked like an enum constant),
     * a masked tracking code.
     */
    private static final Pattern SHOWN = Pattern.compile(
            "(?i)(验证码|verification code|查询码|tracking code)\\s*[:：]?\\s*[A-Z0-9-]+|\\b[A-Z]*\\*{3,}[A-Z0-9]+|https?://\\S+");

    /** Text without the codes it shows on purpose. */
    static String withoutShownCodes(String text) {
        return SHOWN.matcher(text).replaceAll(" ");
    }

    static String visible(String html) {
        String text = TAG.matcher(HIDDEN.matcher(html).replaceAll(" ")).replaceAll(" ");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    /** The codes found in text a person reads, each with some context; {@code chinese}: the page is in zh-CN. */
    List<String> codes(String shown, boolean chinese) {
        String text = withoutShownCodes(shown);
        List<String> found = new ArrayList<>();
        collect(ENUM, text, found, m -> !WORDS.contains(m));
        collect(STEP, text, found, m -> true);
        collect(UUID, text, found, m -> true);
        collect(ORG, text, found, m -> true);
        collect(RESOURCE, text, found, m -> true);
        collect(CAMEL, text, found, m -> !m.equals("iPhone"));
        collect(GROUPED_YEAR, text, found, m -> true);
        if (chinese) {
            collect(Pattern.compile("(?<![A-Za-z])[a-z][A-Za-z]+(?![A-Za-z])"), text, found, stepIds::contains);
            collect(Pattern.compile("\\b(?:true|false|null)\\b"), text, found, m -> true);
        }
        return found;
    }

    private static void collect(Pattern p, String text, List<String> into, java.util.function.Predicate<String> leak) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (leak.test(m.group())) {
                int from = Math.max(0, m.start() - 25);
                int to = Math.min(text.length(), m.end() + 25);
                into.add(m.group() + " in «" + text.substring(from, to).strip() + "»");
            }
        }
    }
}
