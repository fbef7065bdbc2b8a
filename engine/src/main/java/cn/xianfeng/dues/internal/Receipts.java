package cn.xianfeng.dues.internal;

import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.Documents.NewDocument;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Person;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * 党费收据: one signed PDF per payment through the evidence module (verification code on every page and a QR code,
 * serial per branch and year), voided when the payment is reversed.
 */
@Component
class Receipts {

    static final String KIND = "DUES_RECEIPT";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Documents documents;
    private final Clock clock;

    Receipts(Documents documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    /** What a receipt states about one payment. */
    record Content(long paymentId, Person member, Org branch, List<YearMonth> months, List<Long> standards,
                   long amountFen, LocalDate paidOn, String collectorName) {
    }

    /** Issues the receipt; returns its verification code. */
    String issue(Content p, String actor) {
        String months = Months.span(p.months());
        Documents.Issued issued = documents.issue(new NewDocument(KIND, null, "党费收据", p.branch().name(),
                p.branch().code(), KIND), c -> c.pdf()
                .title("中国共产党党费收据").centered(c.serial())
                .facts(List.of(new String[]{"收据编号", c.serial()}, new String[]{"登记号", String.valueOf(p.paymentId())},
                        new String[]{"党员姓名", p.member().name()}, new String[]{"所在支部", p.branch().name()},
                        new String[]{"交纳月份", months}, new String[]{"每月标准", standards(p)},
                        new String[]{"金额", "人民币 " + Months.yuan(p.amountFen()) + " 元"},
                        new String[]{"交纳日期", p.paidOn().toString()}, new String[]{"收缴人", p.collectorName()},
                        new String[]{"登记时间", TIME.format(LocalDateTime.now(clock))}))
                .paragraph("兹收到 " + p.member().name() + " 同志交纳的 " + months + " 党费，计人民币 "
                        + Months.yuan(p.amountFen()) + " 元。")
                .paragraph(p.branch().name() + "（盖章）")
                .qr(c.verifyUrl(), 72)
                .small("收据编号 " + c.serial() + " · 验证码 " + c.code() + " · 扫码或访问 " + c.verifyUrl() + " 核验"),
                actor);
        return issued.document().code();
    }

    /** The payment was reversed: its receipt verifies as void from now on. */
    void voidReceipt(String code, String reason, String actor) {
        if (code != null && documents.find(code).map(d -> !d.isVoid()).orElse(false)) {
            documents.voidDocument(code, "缴费记录已更正：" + reason, null, actor);
        }
    }

    Documents.Check verify(String code) {
        return documents.verify(code);
    }

    byte[] content(String code) {
        return documents.content(code);
    }

    private static String standards(Content p) {
        List<Long> distinct = p.standards().stream().distinct().toList();
        return distinct.size() == 1 ? Months.yuan(distinct.get(0)) + " 元/月"
                : String.join("、", distinct.stream().map(s -> Months.yuan(s) + " 元").toList()) + "（按月）";
    }
}
