package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.IssuedDocument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The issued_document and document_void tables. Both are append-only (V35): a document's row never changes, and
 * voiding it appends a document_void row, at most one per document.
 */
@Component
public class DocumentRows {

    private static final String SELECT = """
            select d.code, d.kind, d.case_id, d.title, d.serial, d.issuer, d.issuer_org, d.issued_by, d.issued_at,
                   d.sha256, v.at as void_at, v.reason as void_reason, v.replaced_by
            from issued_document d left join document_void v on v.code = d.code""";

    private final JdbcClient jdbc;

    DocumentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(IssuedDocument d, byte[] content) {
        jdbc.sql("""
                insert into issued_document (code, kind, case_id, title, serial, issuer, issuer_org, issued_by, issued_at,
                                             sha256, content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.code(), d.kind(), d.caseId(), d.title(), d.serial(), d.issuer(), d.issuerOrg(), d.issuedBy(),
                        Timestamp.from(d.issuedAt()), d.sha256(), content).update();
    }

    /** Appends the void row; false when the document was void already (the first voiding stands). */
    public boolean insertVoid(String code, Instant at, String reason, String replacedBy, String actor) {
        return jdbc.sql("""
                insert into document_void (code, at, reason, replaced_by, voided_by) values (?, ?, ?, ?, ?)
                on conflict (code) do nothing""")
                .params(code, Timestamp.from(at), reason, replacedBy, actor).update() == 1;
    }

    public Optional<IssuedDocument> find(String code) {
        return jdbc.sql(SELECT + " where d.code = ?").param(code).query(DocumentRows::map).optional();
    }

    public Optional<IssuedDocument> latest(String caseId, String kind) {
        return jdbc.sql(SELECT + " where d.case_id = ? and d.kind = ? order by d.issued_at desc, d.code limit 1")
                .params(caseId, kind).query(DocumentRows::map).optional();
    }

    public List<IssuedDocument> ofCase(String caseId) {
        return jdbc.sql(SELECT + " where d.case_id = ? order by d.issued_at, d.code").param(caseId)
                .query(DocumentRows::map).list();
    }

    public Optional<byte[]> content(String code) {
        return jdbc.sql("select content from issued_document where code = ?").param(code).query(byte[].class).optional();
    }

    private static IssuedDocument map(ResultSet rs, int i) throws SQLException {
        Timestamp voidAt = rs.getTimestamp("void_at");
        return new IssuedDocument(rs.getString("code"), rs.getString("kind"), rs.getString("case_id"),
                rs.getString("title"), rs.getString("serial"), rs.getString("issuer"), rs.getString("issuer_org"),
                rs.getString("issued_by"), rs.getTimestamp("issued_at").toInstant(), rs.getString("sha256"),
                voidAt == null ? null : voidAt.toInstant(), rs.getString("void_reason"), rs.getString("replaced_by"));
    }
}
