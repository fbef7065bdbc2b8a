package cn.xianfeng.dues;

import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.org.Role;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Declaring and confirming a base; recording, refusing and correcting payments; receipts; who may do what. */
class DuesLedgerTest extends DuesTestSupport {

    @Autowired AuditTrail audit;

    @Test
    void aMembersOwnDeclarationWaitsForTheSecretaryAndOnlyAConfirmedBaseIsOwed() {
        String m = member();
        MemberDues declared = bases.declare(m, new BaseDeclaration("EMPLOYEE", 600_000L, null, now().toString()), m);
        assertThat(declared.pending()).isNotNull();
        assertThat(declared.pending().standardFen()).isEqualTo(9_000);
        assertThat(declared.standardFen()).as("not in force before it is confirmed").isNull();
        assertThat(declared.owingFrom()).isNull();
        assertThatThrownBy(() -> bases.decide(m, "CONFIRM", null, m)).as("never by the member themself")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> bases.decide(m, "CONFIRM", null, "sec2")).as("another branch's secretary")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bases.decide(m, "REJECT", " ", "sec1")).isInstanceOf(InvalidInputException.class);

        MemberDues confirmed = bases.decide(m, "CONFIRM", null, "sec1");
        assertThat(confirmed.pending()).isNull();
        assertThat(confirmed.standardFen()).isEqualTo(9_000);
        assertThat(confirmed.owingFrom()).isEqualTo(now().toString());
        assertThat(confirmed.declaredThisYear()).isTrue();
        assertThatThrownBy(() -> bases.decide(m, "CONFIRM", null, "sec1")).as("nothing pending")
                .isInstanceOf(ConflictException.class);

        bases.declare(m, new BaseDeclaration("EMPLOYEE", 200_000L, null, now().toString()), m);
        MemberDues rejected = bases.decide(m, "REJECT", "与工资单不符", "sec1");
        assertThat(rejected.standardFen()).as("a rejected declaration changes nothing").isEqualTo(9_000);
        assertThat(rejected.declarations()).extracting(DuesTypes.Declaration::status)
                .containsExactly("REJECTED", "CONFIRMED");
        assertThat(events(audit, "DUES_BASE_DECLARED", m)).hasSize(2);
        assertThat(events(audit, "DUES_BASE_CONFIRMED", m)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("sec1"));
        assertThat(events(audit, "DUES_BASE_REJECTED", m)).singleElement()
                .satisfies(e -> assertThat(e.comment()).isEqualTo("与工资单不符"));
    }

    @Test
    void aPaymentMustEqualTheStandardsStartAtTheFirstUnpaidMonthAndPayEachMonthOnce() throws Exception {
        YearMonth start = now().minusMonths(3);
        String m = withBase(start);
        assertThat(ledger.member(m, "sec1").arrearsMonths()).isEqualTo(3);
        assertThat(ledger.member(m, "sec1").arrearsFen()).isEqualTo(12_000);

        assertThatThrownBy(() -> ledger.record(new NewPayment(m, List.of(start.toString()), 3_999L, today()), "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("40.00 元");
        assertThatThrownBy(() -> pay(m, "sec1", start.plusMonths(1))).as("leaves a gap")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(start.toString());
        assertThatThrownBy(() -> pay(m, "sec1", start.minusMonths(1), start)).as("before the base")
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ledger.record(new NewPayment(m, List.of("2026-1x"), 4_000L, "2026-02-30"), "sec1"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
                        .contains("months", "paidOn"));
        assertThatThrownBy(() -> ledger.record(new NewPayment(m, List.of(start.toString()), 4_000L,
                java.time.LocalDate.now(clock).plusDays(1).toString()), "sec1")).as("paid tomorrow")
                .isInstanceOf(InvalidInputException.class);
        assertThat(payments(m)).as("refusals store nothing").isZero();

        Recorded first = pay(m, "sec1", start, start.plusMonths(1));
        assertThatThrownBy(() -> pay(m, "sec1", start.plusMonths(1), start.plusMonths(2))).as("a month paid twice")
                .isInstanceOf(ConflictException.class).hasMessageContaining(start.plusMonths(1).toString());
        pay(m, "sec1", start.plusMonths(2), now(), now().plusMonths(1));
        MemberDues d = ledger.member(m, m);
        assertThat(d.paidUntil()).isEqualTo(now().plusMonths(1).toString());
        assertThat(d.arrearsMonths()).isZero();
        assertThat(ledger.paidUntil(m)).contains(now().plusMonths(1));
        assertThatThrownBy(() -> pay(m, "sec1", java.util.stream.Stream.iterate(now().plusMonths(2), x -> x.plusMonths(1))
                .limit(12).toArray(YearMonth[]::new))).as("more than a year ahead")
                .isInstanceOf(InvalidInputException.class);

        var event = events(audit, "DUES_PAID", m).get(0);
        assertThat(event.data()).containsEntry("months", List.of(start.toString(), start.plusMonths(1).toString()))
                .containsEntry("amountFen", 8_000).containsEntry("receiptCode", first.receiptCode());

        DuesLedger.Receipt receipt = ledger.receipt(first.id(), m);
        assertThat(documents.verify(first.receiptCode()).valid()).isTrue();
        assertThat(documents.verify(first.receiptCode()).sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(receipt.pdf())));
        assertThat(documents.checkSignature(receipt.pdf()).valid()).as("signed").isTrue();
        try (PDDocument pdf = Loader.loadPDF(receipt.pdf())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("党费收据").contains(people.get(m).name())
                    .contains(start.getYear() + "年" + start.getMonthValue() + "月").contains("80.00")
                    .contains(first.receiptCode()).contains("第一党支部");
        }
        assertThatThrownBy(() -> ledger.receipt(first.id(), "sec2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCorrectionIsANewRowThatReopensTheMonthsAndVoidsTheReceipt() {
        String m = withBase(now().minusMonths(2));
        Recorded wrong = pay(m, "sec1", now().minusMonths(2));
        pay(m, "sec1", now().minusMonths(1));
        assertThatThrownBy(() -> ledger.reverse(wrong.id(), " ", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ledger.reverse(wrong.id(), "记错了人", m)).as("a member cannot correct")
                .isInstanceOf(ForbiddenException.class);

        Recorded reversal = ledger.reverse(wrong.id(), "记错了人", "sec1");
        assertThat(paidMonths(m)).containsExactly(now().minusMonths(1).toString());
        assertThat(ledger.member(m, "sec1").paidUntil()).as("a gap at the start").isNull();
        assertThat(documents.verify(wrong.receiptCode()).isVoid()).isTrue();
        assertThat(ledger.member(m, "sec1").payments()).filteredOn(p -> p.id() == reversal.id()).singleElement()
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo("REVERSAL");
                    assertThat(p.corrects()).isEqualTo(wrong.id());
                    assertThat(p.amountFen()).isEqualTo(-4_000);
                });
        assertThatThrownBy(() -> ledger.reverse(wrong.id(), "再更正", "sec1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ledger.reverse(reversal.id(), "更正的更正", "sec1")).isInstanceOf(ConflictException.class);

        pay(m, "sec1", now().minusMonths(2));
        assertThat(ledger.member(m, m).paidUntil()).isEqualTo(now().minusMonths(1).toString());

        assertThatThrownBy(() -> jdbc.sql("update dues_payment set amount_fen = 1 where id = ?").param(wrong.id()).update())
                .as("append-only").hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from dues_payment where id = ?").param(reversal.id()).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update dues_declaration set standard_fen = 1").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void membersSeeTheirOwnCollectorsTheirBranchAndReadersTheirSubtree() {
        String m = withBase(now());
        String other = member();
        people.grant(other, Role.DUES_COLLECTOR, "K-T-B1", "sec1");
        assertThatThrownBy(() -> people.grant(other, Role.DUES_COLLECTOR, "K-T", "admin"))
                .as("a collector is named in a branch").isInstanceOf(InvalidInputException.class);

        assertThat(ledger.member(m, m).username()).isEqualTo(m);
        assertThat(ledger.member(m, "reviewer").username()).isEqualTo(m);
        assertThat(ledger.member(m, "auditor").username()).isEqualTo(m);
        assertThatThrownBy(() -> ledger.member(m, "member1")).as("another member").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ledger.member(m, "sec2")).as("a sibling branch").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pay(m, "reviewer", now())).as("readers do not record")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> pay(m, m, now())).as("members see their dues, collectors record them")
                .isInstanceOf(ForbiddenException.class);
        Recorded byCollector = pay(m, other, now());
        assertThat(byCollector.receiptCode()).isNotBlank();
        assertThatThrownBy(() -> pay("nosuchperson", "sec1", now())).isInstanceOf(NotFoundException.class);

        var view = collection.org("K-T-B1", now().toString(), other, 0, 100);
        assertThat(view.members()).extracting(DuesTypes.MemberRow::username).contains(m);
        assertThat(view.paid()).isGreaterThanOrEqualTo(1);
        assertThat(view.due()).isGreaterThanOrEqualTo(view.paid());
        assertThatThrownBy(() -> collection.org("K-T-B2", null, other, 0, 100)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> collection.org("K-T-B1", null, m, 0, 100)).isInstanceOf(NotFoundException.class);
        assertThat(collection.org("K", null, "auditor", 0, 10).members()).hasSizeLessThanOrEqualTo(10);
        assertThatThrownBy(() -> collection.org("K-T-B1", "2026-13", "sec1", 0, 10))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theRateCountsMembersOwingAMonthAndThoseWhoPaidIt() {
        cn.xianfeng.org.NewOrg branch = new cn.xianfeng.org.NewOrg("K-T-R" + counter.incrementAndGet(), "费率支部",
                cn.xianfeng.org.OrgType.BRANCH, "K-T");
        orgs.create(branch, "admin");
        String a = member(branch.code());
        String b = member(branch.code());
        String c = member(branch.code());
        member(branch.code()); // no base: owes nothing yet
        for (String x : List.of(a, b, c)) {
            cn.xianfeng.TestDues.base(bases, x, now().minusMonths(1));
        }
        pay(a, "admin", now().minusMonths(1), now());
        pay(b, "admin", now().minusMonths(1));
        var view = collection.org(branch.code(), now().toString(), "reviewer", 0, 100);
        assertThat(view.due()).isEqualTo(3);
        assertThat(view.paid()).isEqualTo(1);
        assertThat(view.rate()).isEqualTo(0.3333);
        assertThat(view.total()).isEqualTo(4);
        var month = collection.thisMonth(branch.code(), "reviewer");
        assertThat(month.month()).isEqualTo(now().toString());
        assertThat(month.due()).as("谁欠谁's month figures, without the members").isEqualTo(view.due());
        assertThat(month.paid()).isEqualTo(view.paid());
        assertThat(month.rate()).isEqualTo(view.rate());
        var last = collection.rates("K-T", now().minusMonths(1), now(), "reviewer").orgs().stream()
                .filter(o -> o.code().equals(branch.code())).findFirst().orElseThrow().months();
        assertThat(last.get(0)).satisfies(r -> {
            assertThat(r.due()).isEqualTo(3);
            assertThat(r.paid()).isEqualTo(2);
        });
        assertThat(collection.arrears(branch.code(), "reviewer")).singleElement().satisfies(x -> {
            assertThat(x.username()).isEqualTo(c);
            assertThat(x.arrearsMonths()).isEqualTo(1);
            assertThat(x.arrearsFen()).isEqualTo(4_000);
        });
    }

    /** 谁欠谁 at a county root lists the members most behind, cut in SQL, and counts everyone behind. */
    @Test
    void theArrearsViewListsTheMostMonthsBehindFirstAndCountsTheRest() {
        cn.xianfeng.org.NewOrg branch = new cn.xianfeng.org.NewOrg("K-T-A" + counter.incrementAndGet(), "欠缴支部",
                cn.xianfeng.org.OrgType.BRANCH, "K-T");
        orgs.create(branch, "admin");
        String one = member(branch.code());
        String three = member(branch.code());
        String two = member(branch.code());
        String paid = member(branch.code());
        cn.xianfeng.TestDues.base(bases, one, now().minusMonths(1));
        cn.xianfeng.TestDues.base(bases, three, now().minusMonths(3));
        cn.xianfeng.TestDues.base(bases, two, now().minusMonths(3));
        cn.xianfeng.TestDues.base(bases, paid, now().minusMonths(2));
        pay(two, "admin", now().minusMonths(3));
        pay(paid, "admin", now().minusMonths(2), now().minusMonths(1));
        var first = collection.arrears(branch.code(), "reviewer", 2);
        assertThat(first.total()).as("everyone behind is counted").isEqualTo(3);
        assertThat(first.members()).extracting(cn.xianfeng.dues.DuesTypes.Arrears::username).containsExactly(three, two);
        assertThat(first.members()).extracting(cn.xianfeng.dues.DuesTypes.Arrears::arrearsMonths).containsExactly(3, 2);
        assertThat(collection.arrears(branch.code(), "reviewer")).extracting(cn.xianfeng.dues.DuesTypes.Arrears::username)
                .containsExactly(three, two, one);
        assertThatThrownBy(() -> collection.arrears(branch.code(), one, 2)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void twoCollectorsRecordingTheSameMonthAtOnceStoreItOnce() throws Exception {
        String m = withBase(now());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Object>> results = new java.util.ArrayList<>();
            for (String actor : List.of("sec1", "admin")) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return pay(m, actor, now());
                    } catch (ConflictException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            long ok = 0;
            for (var r : results) {
                if (r.get() instanceof Recorded) {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(payments(m)).isEqualTo(1);
        assertThat(paidMonths(m)).containsExactly(now().toString());
    }

    @Test
    void urgingRemindsOnceADayAndOnlyForArrears() {
        String m = withBase(now().minusMonths(2));
        String paid = withBase(now());
        assertThatThrownBy(() -> reminders.urge(paid, "sec1")).as("nothing in arrears")
                .isInstanceOf(ConflictException.class);
        reminders.urge(m, "sec1");
        assertThatThrownBy(() -> reminders.urge(m, "admin")).as("once a day per member")
                .isInstanceOf(cn.xianfeng.common.TooManyRequestsException.class);
        assertThatThrownBy(() -> reminders.urge(m, "reviewer")).isInstanceOf(ForbiddenException.class);
        assertThat(events(audit, "DUES_URGED", m)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("months",
                        List.of(now().minusMonths(2).toString(), now().minusMonths(1).toString())));
    }
}
