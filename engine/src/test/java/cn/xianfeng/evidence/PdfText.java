package cn.xianfeng.evidence;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.CaseStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of an issued PDF as PDFBox extracts it, and the check that no internal code reached it: enum constants
 * (member status, role, case status, audit actions, decisions, document kinds), step ids, UUIDs, org codes.
 */
public final class PdfText {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern STEP = Pattern.compile("\\bstep\\d\\d\\b");
    /** SCREAMING_SNAKE words: how every enum constant and action name of the domain is spelled. */
    private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");

    private PdfText() {
    }

    public static String of(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every internal code found in the PDF's text; {@code orgCodes}: the codes of the orgs involved. */
    public static String assertNoInternalCodes(byte[] pdf, String... orgCodes) {
        String text = of(pdf);
        List<String> found = new ArrayList<>();
        for (Pattern p : List.of(UUID, STEP, CONSTANT)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
        }
        Stream.of(Stream.of(MemberStatus.values()).map(Enum::name), Stream.of(Role.values()).map(Enum::name),
                        Stream.of(CaseStatus.values()).map(Enum::name),
                        Stream.of("APPROVE", "REJECT", "DOSSIER", "MINUTES", "EXTEND", "REISSUE", "WITHDRAW", "SATISFIED",
                                "DISSATISFIED", "BRANCH_GENERAL", "relation-transfer", "admission", "complaint",
                                "meeting-record", "~public"), Stream.of(orgCodes))
                .flatMap(s -> s)
                .forEach(code -> {
                    Matcher m = Pattern.compile("(?<![\\w-])" + Pattern.quote(code) + "(?![\\w-])").matcher(text);
                    if (m.find()) {
                        found.add(code);
                    }
                });
        assertThat(found).as("internal codes in the PDF's text:\n" + text).isEmpty();
        return text;
    }
}
