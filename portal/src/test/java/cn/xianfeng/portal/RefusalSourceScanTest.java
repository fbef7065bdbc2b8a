package cn.xianfeng.portal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No refusal a person reads is written as a Chinese literal in the code: every exception, {@code Violation} and
 * {@code InvalidInputException.of(…)} under engine/ and portal/ main sources takes a {@code Refusal} key, whose zh and
 * en texts live in the engine's bundles, so an English reader never gets Chinese. A source scan: it reads the Java
 * files (comments dropped, strings and text blocks kept) and looks inside the parentheses of each such construction.
 */
class RefusalSourceScanTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern CONSTRUCTION = Pattern.compile(
            "new\\s+([\\w.]*(?:Exception|Violation|Exceeded))\\s*\\(|InvalidInputException\\.of\\s*\\(");
    /**
     * Notes that are no refusal: a PDF the dossier cannot render is described inside the Chinese dossier itself
     * ({@code PdfPages.problem}), not answered to a reader.
     */
    private static final Set<String> DOCUMENT_NOTES = Set.of("Exceeded", "PdfBudget.Exceeded");

    @Test
    void noMainSourceRefusesWithAChineseLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : List.of(Path.of("../engine/src/main/java"), Path.of("src/main/java"))) {
            assertThat(root).isDirectory();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    for (String hit : chineseRefusals(Files.readString(f))) {
                        found.add(root.relativize(f) + ": " + hit);
                    }
                }
            }
        }
        assertThat(files).as("Java files scanned").isGreaterThan(300);
        assertThat(found).as("refusals with Chinese literals: give them a key in messages/refusals*.properties "
                + "and pass Refusal.of(key, args…)").isEmpty();
    }

    /** The scanner itself finds what it must and passes what it may: a scan that finds nothing proves nothing. */
    @Test
    void theScanFindsAChineseRefusalAndPassesAKeyedOne() {
        assertThat(chineseRefusals("""
                class A {
                    void a(String code) {
                        throw new ConflictException("组织编码已存在：" + code);
                    }
                    void b() {
                        throw InvalidInputException.of("year", "年份须在 " + 2000
                                + " 至 " + 2030 + " 之间");
                    }
                    void c() {
                        problems.add(new InvalidInputException.Violation("name", name == null ? "必填" : "过长"));
                    }
                }
                """)).hasSize(3).allMatch(hit -> HAN.matcher(hit).find());
        assertThat(chineseRefusals("""
                class B {
                    // throw new ConflictException("注释里的中文不算");
                    /* new NotFoundException("也不算") */
                    void a(String code) {
                        throw new ConflictException(Refusal.of("org.codeTaken", code));
                    }
                    String sql = \"""
                        select '(' from t
                        \""";
                    void b() {
                        throw new PdfBudget.Exceeded("PDF 中的图像超出像素上限");
                    }
                }
                """)).isEmpty();
    }

    static List<String> chineseRefusals(String source) {
        String code = withoutComments(source);
        List<String> hits = new ArrayList<>();
        Matcher m = CONSTRUCTION.matcher(code);
        while (m.find()) {
            if (m.group(1) != null && DOCUMENT_NOTES.contains(m.group(1))) {
                continue;
            }
            int open = code.indexOf('(', m.start());
            String inside = code.substring(open, closing(code, open) + 1);
            if (CONSTRUCTION.matcher(inside).find()) {
                continue; // an exception wrapping another: the inner one is judged on its own
            }
            if (HAN.matcher(literals(inside)).find()) {
                int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                hits.add("line " + line + ": " + inside.replaceAll("\\s+", " "));
            }
        }
        return hits;
    }

    /** The matching parenthesis, skipping strings and character literals. */
    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    /** The text of every string literal in {@code code}, concatenated. */
    private static String literals(String code) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfLiteral(code, i);
                out.append(code, i, end + 1);
                i = end;
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String code, int start) {
        char quote = code.charAt(start);
        if (quote == '"' && code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            return end < 0 ? code.length() - 1 : end + 2;
        }
        for (int i = start + 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfLiteral(source, i);
                out.append(source, i, end + 1);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = (end < 0 ? source.length() : end) - 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                String comment = source.substring(i, end < 0 ? source.length() : end + 2);
                out.append("\n".repeat((int) comment.chars().filter(ch -> ch == '\n').count()));
                i = (end < 0 ? source.length() : end + 2) - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
