package cn.xianfeng.evidence;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import java.io.ByteArrayInputStream;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** veraPDF's verdict on a PDF, with the failed rules in the message when it is not PDF/A-2b. */
public final class PdfAssertions {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfAssertions() {
    }

    public static void assertPdfA2b(byte[] pdf) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            ValidationResult result = validator.validate(parser);
            String failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage())
                    .distinct().collect(Collectors.joining("\n"));
            if (!result.isCompliant()) {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "not-pdfa.pdf"), pdf);
            }
            assertThat(result.isCompliant()).as("PDF/A-2b, failed rules:\n" + failed).isTrue();
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate", e);
        }
    }
}
