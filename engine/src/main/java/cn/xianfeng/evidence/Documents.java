package cn.xianfeng.evidence;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.internal.DocumentIntegrity;
import cn.xianfeng.evidence.internal.DocumentRows;
import cn.xianfeng.evidence.internal.Footer;
import cn.xianfeng.evidence.internal.PdfA;
import cn.xianfeng.evidence.internal.PublicUrl;
import cn.xianfeng.evidence.internal.RenderPermits;
import cn.xianfeng.evidence.internal.SignatureVerifier;
import cn.xianfeng.evidence.internal.Signer;
import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issues documents as PDFs with the embedded CJK font, each with a verification code on every page (and a QR
 * code where the content asks for one), stores them with their SHA-256, and answers whether a code is valid.
 * Stored documents never change (V35): voiding appends a row, and verification cross-checks each document
 * against the audit event that recorded its issue, so a rewritten row verifies as broken, not as valid.
 */
@Service
public class Documents {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final PublicUrl publicUrl;
    private final Signer signer;
    private final DocumentRows rows;
    private final DocumentIntegrity integrity;
    private final RenderPermits permits;

    Documents(JdbcClient jdbc, AuditTrail audit, Clock clock, Signer signer, PublicUrl publicUrl, DocumentRows rows,
              DocumentIntegrity integrity, RenderPermits permits) {
        this.signer = signer;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.rows = rows;
        this.integrity = integrity;
        this.permits = permits;
    }

    /** What is being issued; {@code serialKind} non-null asks for a serial number 〔yyyy〕第nnnn号 per issuer and year. */
    public record NewDocument(String kind, String caseId, String title, String issuer, String issuerOrg,
                              String serialKind) {
    }

    public record Issued(IssuedDocument document, byte[] pdf) {
    }

    /** {@code valid}: intact and not void. */
    public record Check(boolean valid, String document, String kind, String issuer, Instant issuedAt, String sha256,
                        boolean isVoid, String voidReason, String replacedBy, String serial, Integrity integrity,
                        Instant voidAt, String caseId) {
    }

    /** The address a document's QR code points to. */
    public String verifyUrl(String code) {
        return publicUrl.verifyUrl(code);
    }

    @Transactional
    public Issued issue(NewDocument spec, Consumer<IssueContext> content, String actor) {
        String code = code();
        String serial = spec.serialKind() == null ? null : nextSerial(spec.issuerOrg(), spec.serialKind());
        Instant now = clock.instant();
        String url = verifyUrl(code);
        // rendering holds a few MB per page (and attachments' images): a bounded number at a time
        byte[] pdf = permits.render(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            Document document = new Document(PageSize.A4, 56, 56, 56, 64);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new Footer("验证码 " + code + " · 核验：" + url));
            document.addTitle(spec.title());
            document.addCreator("先锋 Xianfeng");
            document.open();
            content.accept(new IssueContext(new Pdf(document), code, serial, url));
            document.close();
            return signer.sign(PdfA.convert(out.toByteArray(), spec.title(), now), spec.issuer(),
                    "先锋系统签发：" + spec.title() + "（验证码 " + code + "）", now);
        });
        IssuedDocument issued = new IssuedDocument(code, spec.kind(), spec.caseId(), spec.title(), serial, spec.issuer(),
                spec.issuerOrg(), actor, now.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                Attachments.sha256(pdf), null, null, null);
        rows.insert(issued, pdf);
        audit.record(new AuditEntry(actor, spec.issuerOrg(), AuditAction.DOCUMENT_ISSUED, spec.caseId(), null, null,
                Map.of("code", code, "kind", spec.kind(), "sha256", issued.sha256(), "serial", String.valueOf(serial)),
                null, null));
        return new Issued(issued, pdf);
    }

    /** The code, serial and verification address a document's content may print. */
    public record IssueContext(Pdf pdf, String code, String serial, String verifyUrl) {
    }

    public Optional<IssuedDocument> find(String code) {
        return rows.find(code);
    }

    public Optional<IssuedDocument> latest(String caseId, String kind) {
        return rows.latest(caseId, kind);
    }

    /** Every document issued for a case, oldest first, void ones included (an auditor sees what was replaced). */
    public java.util.List<IssuedDocument> ofCase(String caseId) {
        return rows.ofCase(caseId);
    }

    public byte[] content(String code) {
        return rows.content(code).orElseThrow(() -> new NotFoundException(Refusal.of("evidence.documentNotFound", code)));
    }

    /** Marks a document void (a reissued letter, a withdrawn transfer); it then verifies as void. Once only. */
    @Transactional
    public void voidDocument(String code, String reason, String replacedBy, String actor) {
        IssuedDocument d = find(code).orElseThrow(() -> new NotFoundException(Refusal.of("evidence.documentNotFound", code)));
        if (rows.insertVoid(code, clock.instant(), reason, replacedBy, actor)) {
            audit.record(new AuditEntry(actor, d.issuerOrg(), AuditAction.DOCUMENT_VOIDED, d.caseId(), null, null,
                    Map.of("code", code, "reason", reason, "replacedBy", String.valueOf(replacedBy)), null, null));
        }
    }

    /** What anyone may learn from a code: whether it is genuine, void, and what it is. 404 for an unknown code. */
    @Transactional(readOnly = true)
    public Check verify(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        IssuedDocument d = find(normalized).orElseThrow(() -> new NotFoundException(Refusal.of("evidence.unknownCode")));
        Integrity state = integrity.check(d, rows.content(normalized).orElse(null));
        return new Check(state == Integrity.INTACT && !d.isVoid(), d.title(), d.kind(), d.issuer(), d.issuedAt(),
                d.sha256(), d.isVoid(), d.voidReason(), d.replacedBy(), d.serial(), state, d.voidAt(), d.caseId());
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
}
