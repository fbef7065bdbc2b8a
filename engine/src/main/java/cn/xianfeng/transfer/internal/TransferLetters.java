package cn.xianfeng.transfer.internal;

import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.Documents.NewDocument;
import cn.xianfeng.evidence.IssuedDocument;
import cn.xianfeng.org.Ethnicity;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.PersonalDataAccess;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The introduction letter (组织关系介绍信) in its three parts — stub kept by the issuer, the letter, the receipt to
 * come back — issued by the outgoing committee with a serial per committee and year, and voided when replaced,
 * refused or withdrawn.
 */
@Component
class TransferLetters {

    static final String KIND = cn.xianfeng.transfer.Transfers.LETTER;

    private final Documents documents;
    private final LetterValidity validity;
    private final People people;
    private final Orgs orgs;
    private final TransferCases cases;
    private final Clock clock;
    private final PersonalDataAccess personalData;

    TransferLetters(Documents documents, LetterValidity validity, People people, Orgs orgs, TransferCases cases,
                    Clock clock, PersonalDataAccess personalData) {
        this.personalData = personalData;
        this.documents = documents;
        this.validity = validity;
        this.people = people;
        this.orgs = orgs;
        this.cases = cases;
        this.clock = clock;
    }

    /** Issues a letter for the case; returns the variables the model's expiry timer and later steps read. */
    Map<String, Object> issue(String caseId, String actor) {
        TransferCases.Row row = cases.find(caseId).orElseThrow();
        Person member = people.get(row.member());
        Org from = orgs.get(row.fromOrg());
        Org committee = orgs.committeeAbove(from.code()).orElse(from);
        int days = validity.days(row.moveKind());
        LocalDate issued = LocalDate.now(clock);
        LocalDate validUntil = issued.plusDays(days);
        String to = row.toOrg() == null ? row.toName() : receivingName(row.toOrg());
        String status = member.status() == MemberStatus.PROBATIONARY ? "预备党员" : "正式党员";
        // the dues ledger's month (TransferRules refreshes it just before issuing), never one typed into a form
        YearMonth dues = row.duesPaidUntil() == null ? null : YearMonth.parse(row.duesPaidUntil());
        String duesText = dues == null ? "（党费账上无记录）" : dues.getYear() + "年" + dues.getMonthValue() + "月";
        String validText = issued + " 至 " + validUntil + "（" + days + " 天）";
        // the letter travels (the member carries it; every viewer of the case may download it): the ID number is
        // printed masked, as in every list (README, personal data); the receiving org checks it against the card
        String idNumber = personalData.masked(List.of(member.username())).get(member.username()).idNumber();
        String sex = LetterPerson.sex(personalData.sexDigit(member.username()));
        String ethnicity = people.ethnicity(member.username()).map(Ethnicity::chinese).orElse("—");
        String born = member.birthDate() == null ? "—" : member.birthDate() + "（" + LetterPerson.age(member.birthDate(), issued) + " 岁）";
        Documents.Issued letter = documents.issue(new NewDocument(KIND, caseId, "中国共产党党员组织关系介绍信",
                committee.name(), committee.code(), KIND), c -> c.pdf()
                .title("中国共产党党员组织关系介绍信").centered(c.serial())
                .heading("存　根")
                .facts(List.of(new String[]{"编号", c.serial()}, new String[]{"姓名", member.name()},
                        new String[]{"性别", sex}, new String[]{"民族", ethnicity}, new String[]{"出生日期", born},
                        new String[]{"身份证号码", idNumber == null ? "—" : idNumber},
                        new String[]{"党员身份", status}, new String[]{"转出党组织", from.name()},
                        new String[]{"转入党组织", to}, new String[]{"党费交至", duesText},
                        new String[]{"有效期", validText}, new String[]{"开具日期", issued.toString()}))
                .cutLine("存根 · 骑缝 · 介绍信")
                .heading("介 绍 信")
                .paragraph(to + "：")
                .paragraph("兹介绍 " + member.name() + " 同志（" + sex + "，" + ethnicity + "，"
                        + LetterPerson.age(member.birthDate(), issued)
                        + " 岁，" + status + "，身份证号码 " + (idNumber == null ? "—" : idNumber) + "）的党员组织关系由 "
                        + from.name() + " 转去你处，请接洽。")
                .paragraph("该同志党费已交到 " + duesText + "。")
                .paragraph("本介绍信有效期 " + days + " 天，有效期至 " + validUntil + "。")
                .paragraph(committee.name() + "（盖章）　　" + issued)
                .qr(c.verifyUrl(), 72)
                .small("编号 " + c.serial() + " · 验证码 " + c.code() + " · 扫码或访问 " + c.verifyUrl() + " 核验")
                .cutLine("介绍信 · 骑缝 · 回执")
                .heading("回　执")
                .paragraph(committee.name() + "：")
                .paragraph("编号 " + c.serial() + " 介绍信收到，" + member.name() + " 同志的党员组织关系已转达我处。")
                .signatures("接收党组织（盖章）", "经办人", "日期"), actor);
        IssuedDocument doc = letter.document();
        cases.letter(caseId, doc.code(), validUntil);
        Date expiresAt = Date.from(validUntil.plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusSeconds(1));
        return Map.of("letterCode", doc.code(), "letterSerial", doc.serial(), "letterValidUntil", validUntil,
                "letterExpiresAt", expiresAt);
    }

    /** A new letter in place of the expired one, which verifies as void from now on. */
    Map<String, Object> reissue(String caseId, String actor) {
        String old = cases.find(caseId).orElseThrow().letterCode();
        Map<String, Object> fresh = issue(caseId, actor);
        if (old != null) {
            documents.voidDocument(old, "介绍信已过期，已重新开具", (String) fresh.get("letterCode"), actor);
        }
        return fresh;
    }

    /** The case's current letter can no longer be used (refused, withdrawn). */
    void voidCurrent(String caseId, String reason, String actor) {
        String code = cases.find(caseId).orElseThrow().letterCode();
        if (code != null && documents.find(code).map(d -> !d.isVoid()).orElse(false)) {
            documents.voidDocument(code, reason, null, actor);
        }
    }

    private String receivingName(String toOrg) {
        Org branch = orgs.get(toOrg);
        return orgs.committeeAbove(toOrg).map(c -> c.name() + " " + branch.name()).orElse(branch.name());
    }
}
