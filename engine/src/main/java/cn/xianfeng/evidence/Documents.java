package cn.xianfeng.evidence;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.internal.Footer;
import cn.xianfeng.evidence.internal.PdfA;
import cn.xianfeng.evidence.internal.SignatureVerifier;
import cn.xianfeng.evidence.internal.Signer;
import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issues documents as PDFs with the embedded CJK font, each with a verification code on every page (and a QR
 * code where the content asks for one), stores them with their SHA-256, and answers whether a code is valid.
 */
@Service
public class Documents {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final String publicUrl;
    private final Signer signer;

    Documents(JdbcClient jdbc, AuditTrail audit, Clock clock, Signer signer,
              @Value("${xianfeng.public-url:http://localhost:8080}") String publicUrl) {
        this.signer = signer;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** What is being issued; {@code serialKind} non-null asks for a serial number 〔yyyy〕第nnnn号 per issuer and year. */
    public record NewDocument(String kind, String caseId, String title, String issuer, String issuerOrg,
                              String serialKind) {
    }

    public record Issued(IssuedDocument document, byte[] pdf) {
    }

    public record Check(boolean valid, String document, String kind, String issuer, Instant issuedAt, String sha256,
                        boolean isVoid, String voidReason, String replacedBy, String serial) {
    }

    /** The address a document's QR code points to. */
    public String verifyUrl(String code) {
        return publicUrl + "/api/public/verify/" + code;
    }

    @Transactional
    public Issued issue(NewDocument spec, Consumer<IssueContext> content, String actor) {
        String code = code();
        String serial = spec.serialKind() == null ? null : nextSerial(spec.issuerOrg(), spec.serialKind());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 64);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(new Footer("验证码 " + code + " · 核验：" + verifyUrl(code)));
        document.addTitle(spec.title());
        document.addCreator("先锋 Xianfeng");
        document.open();
        content.accept(new IssueContext(new Pdf(document), code, serial, verifyUrl(code)));
        document.close();
        Instant now = clock.instant();
        byte[] pdf = signer.sign(PdfA.convert(out.toByteArray(), spec.title(), now), spec.issuer(),
                "先锋系统签发 " + spec.kind() + " " + code, now);
        String sha = Attachments.sha256(pdf);
        jdbc.sql("""
                insert into issued_document (code, kind, case_id, title, serial, issuer, issuer_org, issued_by, issued_at,
                                             sha256, content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(code, spec.kind(), spec.caseId(), spec.title(), serial, spec.issuer(), spec.issuerOrg(), actor,
                        Timestamp.from(now), sha, pdf).update();
        audit.record(new AuditEntry(actor, spec.issuerOrg(), "DOCUMENT_ISSUED", spec.caseId(), null, null,
                Map.of("code", code, "kind", spec.kind(), "sha256", sha, "serial", String.valueOf(serial)), null, null));
        return new Issued(find(code).orElseThrow(), pdf);
    }

    /** The code, serial and verification address a document's content may print. */
    public record IssueContext(Pdf pdf, String code, String serial, String verifyUrl) {
    }

    public Optional<IssuedDocument> find(String code) {
        return jdbc.sql("select * from issued_document where code = ?").param(code).query(Documents::map).optional();
    }

    public Optional<IssuedDocument> latest(String caseId, String kind) {
        return jdbc.sql("select * from issued_document where case_id = ? and kind = ? order by issued_at desc limit 1")
                .params(caseId, kind).query(Documents::map).optional();
    }

    /** Every document issued for a case, oldest first, void ones included (an auditor sees what was replaced). */
    public java.util.List<IssuedDocument> ofCase(String caseId) {
        // not "select *": the stored PDFs are not needed for a list
        return jdbc.sql("""
                        select code, kind, case_id, title, serial, issuer, issuer_org, issued_by, issued_at, sha256, void_at,
                               void_reason, replaced_by from issued_document where case_id = ? order by issued_at, code""")
                .param(caseId)
                .query(Documents::map).list();
    }

    public byte[] content(String code) {
        return jdbc.sql("select content from issued_document where code = ?").param(code).query(byte[].class)
                .optional().orElseThrow(() -> new NotFoundException("文件不存在：" + code));
    }

    /** Marks a document void (a reissued letter, a withdrawn transfer); it then verifies as void. */
    @Transactional
    public void voidDocument(String code, String reason, String replacedBy, String actor) {
        IssuedDocument d = find(code).orElseThrow(() -> new NotFoundException("文件不存在：" + code));
        jdbc.sql("update issued_document set void_at = ?, void_reason = ?, replaced_by = ? where code = ? and void_at is null")
                .params(Timestamp.from(clock.instant()), reason, replacedBy, code).update();
        audit.record(new AuditEntry(actor, d.issuerOrg(), "DOCUMENT_VOIDED", d.caseId(), null, null,
                Map.of("code", code, "reason", reason, "replacedBy", String.valueOf(replacedBy)), null, null));
    }

    /** What anyone may learn from a code: whether it is genuine, void, and what it is. 404 for an unknown code. */
    public Check verify(String code) {
        IssuedDocument d = find(code == null ? "" : code.strip().toUpperCase())
                .orElseThrow(() -> new NotFoundException("验证码不存在"));
        return new Check(!d.isVoid(), d.title(), d.kind(), d.issuer(), d.issuedAt(), d.sha256(), d.isVoid(),
                d.voidReason(), d.replacedBy(), d.serial());
    }

    /** Checks a PDF's signature offline-style (CMS over the signed byte ranges); it need not be one of ours. */
    public SignatureCheck checkSignature(byte[] pdf) {
        return SignatureVerifier.check(pdf);
    }

    /** The certificate documents are signed with, PEM-encoded, for checking them offline. */
    public String signingCertificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(signer.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nextSerial(String issuerOrg, String kind) {
        int year = LocalDate.now(clock).getYear();
        int n = jdbc.sql("""
                insert into document_serial (issuer_org, kind, year, last) values (?, ?, ?, 1)
                on conflict (issuer_org, kind, year) do update set last = document_serial.last + 1 returning last""")
                .params(issuerOrg, kind, year).query(Integer.class).single();
        return String.format("〔%d〕第%04d号", year, n);
    }

    private static String code() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static IssuedDocument map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp voidAt = rs.getTimestamp("void_at");
        return new IssuedDocument(rs.getString("code"), rs.getString("kind"), rs.getString("case_id"),
                rs.getString("title"), rs.getString("serial"), rs.getString("issuer"), rs.getString("issuer_org"),
                rs.getString("issued_by"), rs.getTimestamp("issued_at").toInstant(), rs.getString("sha256"),
                voidAt == null ? null : voidAt.toInstant(), rs.getString("void_reason"), rs.getString("replaced_by"));
    }
}
