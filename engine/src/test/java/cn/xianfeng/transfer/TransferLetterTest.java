package cn.xianfeng.transfer;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.workflow.CaseStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The letter's text, its verification, and what happens when it expires before the receiving committee decides. */
class TransferLetterTest extends TransferTestSupport {

    @Test
    void theLetterHasThreePartsWithSerialNamesDuesAndValidityAndVerifies() throws Exception {
        String member = member();
        String id = start(member, "K-U-B1", null);
        assertThatThrownBy(() -> transfers.letter(id, member)).as("none yet").isInstanceOf(NotFoundException.class);
        complete(id, "outgoingCheck", "sec1", approve());
        complete(id, "issueLetter", "reviewer", approve());

        Transfers.Letter letter = transfers.letter(id, member);
        LocalDate until = LocalDate.now(clock).plusDays(30);
        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(letter.document().serial()).contains(people.get(member).name())
                    .contains("第一党支部").contains("测试乡党委 乡第一党支部").contains("正式党员")
                    .contains("有效期至 " + until).contains("存").contains("回").contains("介 绍 信")
                    .contains(letter.document().code())
                    .contains("该同志党费已交到 " + java.time.YearMonth.now(clock).getYear() + "年"
                            + java.time.YearMonth.now(clock).getMonthValue() + "月");
        }
        assertThat(letter.document().serial()).matches("〔\\d{4}〕第\\d{4}号");
        assertThat(letter.document().issuer()).isEqualTo("测试镇党委");
        assertThat(documents.verify(letter.document().code()).valid()).isTrue();
        cn.xianfeng.evidence.PdfAssertions.assertPdfA2b(letter.pdf());
        assertThat(documents.checkSignature(letter.pdf()).valid()).as("signed").isTrue();
        assertThatThrownBy(() -> transfers.letter(id, "sec2")).as("only those who may view the case")
                .isInstanceOf(NotFoundException.class);
    }

    /**
     * What the paper form carries: sex (from the ID number), ethnicity (民族), birth date and age, the ID number
     * masked; no codes.
     */
    @Test
    void theLetterStatesSexEthnicityAgeAndTheMaskedIdNumberAndNoInternalCode() {
        String member = "tmid" + System.nanoTime() % 100000;
        String id = idNumber("99000019800101003");
        people.create(new cn.xianfeng.org.NewPerson(member, "郑十一", LocalDate.of(1980, 1, 1), "K-T-B1",
                cn.xianfeng.org.MemberStatus.FULL, LocalDate.of(2005, 7, 1), cn.xianfeng.TestCounty.PASSWORD, id, null,
                "回"),
                "admin");
        cn.xianfeng.TestDues.paidUp(bases, ledger, member, clock);
        String caseId = start(member, "K-U-B1", null);
        complete(caseId, "outgoingCheck", "sec1", approve());
        complete(caseId, "issueLetter", "reviewer", approve());
        byte[] pdf = transfers.letter(caseId, member).pdf();
        String text = cn.xianfeng.evidence.PdfText.assertNoInternalCodes(pdf, "K", "K-T", "K-T-B1", "K-U", "K-U-B1");
        int age = java.time.Period.between(LocalDate.of(1980, 1, 1), LocalDate.now(clock)).getYears();
        assertThat(text).contains("性别").contains("男").contains("1980-01-01（" + age + " 岁）")
                .contains("民族").contains("郑十一 同志（男，回族，" + age + " 岁，正式党员").doesNotContain("HUI")
                .contains("990000********003" + id.charAt(17)).doesNotContain(id).doesNotContain(member);
    }

    /** 17 digits and their GB 11643 check character. */
    static String idNumber(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    @Test
    void anExpiredLetterIsReissuedWithANewSerialAndTheOldOneVerifiesVoid() {
        String member = member();
        String id = toReceivingCommittee(member);
        Transfers.Letter first = transfers.letter(id, "admin");
        time.moveTo(clock.instant().plus(Duration.ofDays(32)));

        assertThat(currentSteps(id)).containsExactly("letterExpired");
        complete(id, "letterExpired", "reviewer", Map.of("decision", "REISSUE"));

        Transfers.Letter second = transfers.letter(id, "admin");
        assertThat(second.document().serial()).isNotEqualTo(first.document().serial());
        Documents.Check old = documents.verify(first.document().code());
        assertThat(old.valid()).isFalse();
        assertThat(old.replacedBy()).isEqualTo(second.document().code());
        assertThat(documents.verify(second.document().code()).valid()).isTrue();
        assertThat(transfers.of(id, "admin").validUntil()).isEqualTo(LocalDate.now(clock).plusDays(30));
        assertThat(currentSteps(id)).containsExactly("receivingCommittee");
        complete(id, "receivingCommittee", "reviewer2", approve());
        assertThat(currentSteps(id)).containsExactly("receivingBranch");
    }

    @Test
    void anExpiredLetterMayBeWithdrawnWhichCancelsTheCase() {
        String member = member();
        String id = toReceivingCommittee(member);
        String code = letterCode(id);
        time.moveTo(clock.instant().plus(Duration.ofDays(32)));
        complete(id, "letterExpired", "reviewer", Map.of("decision", "WITHDRAW", "reason", "本人不再调动"));

        assertThat(cases.view(id, member).status()).isEqualTo(CaseStatus.CANCELLED);
        assertThat(documents.verify(code).isVoid()).isTrue();
        assertThat(people.get(member).orgCode()).isEqualTo("K-T-B1");
        assertThat(transfers.of(id, "admin").open()).isFalse();
    }
}
