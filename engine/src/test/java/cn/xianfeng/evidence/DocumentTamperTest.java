package cn.xianfeng.evidence;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issued documents are append-only, and a superuser who bypasses the triggers ({@code session_replication_role =
 * replica}) and rewrites a row cannot make verification vouch for it: the row is cross-checked against the audit
 * event that recorded its issue.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DocumentTamperTest {

    @Autowired Documents documents;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    private Documents.Issued letter(String org) {
        return documents.issue(new Documents.NewDocument("TEST_LETTER", null, "组织关系介绍信", "测试县委", org, null),
                c -> c.pdf().title("中国共产党组织关系介绍信").paragraph("兹介绍王五同志。"), "admin");
    }

    private void asSuperuser(String sql, Object... args) {
        tx.executeWithoutResult(s -> {
            jdbc.execute("set local session_replication_role = replica");
            jdbc.update(sql, args);
        });
    }

    @Test
    void theApplicationCannotUpdateDeleteOrTruncateIssuedDocumentsOrTheirVoidEntries() {
        Documents.Issued a = letter("T-APPEND");
        Documents.Issued b = letter("T-APPEND");
        documents.voidDocument(a.document().code(), "重开", b.document().code(), "admin");
        String code = a.document().code();
        for (String sql : List.of("update issued_document set sha256 = repeat('0', 64) where code = ?",
                "delete from issued_document where code = ?",
                "update document_void set reason = 'x' where code = ?",
                "delete from document_void where code = ?")) {
            assertThatThrownBy(() -> jdbc.update(sql, code)).as(sql).hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> jdbc.execute("truncate document_void")).hasMessageContaining("append-only");
        assertThat(documents.verify(code).isVoid()).isTrue();
        assertThat(documents.verify(code).integrity()).isEqualTo(Integrity.INTACT);
    }

    @Test
    void voidingTwiceKeepsTheFirstVoidingAndRecordsItOnce() {
        Documents.Issued a = letter("T-TWICE");
        documents.voidDocument(a.document().code(), "第一次", null, "admin");
        documents.voidDocument(a.document().code(), "第二次", null, "admin");
        Documents.Check check = documents.verify(a.document().code());
        assertThat(check.voidReason()).isEqualTo("第一次");
        assertThat(check.integrity()).isEqualTo(Integrity.INTACT);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'DOCUMENT_VOIDED' "
                + "and data ->> 'code' = ?", Long.class, a.document().code())).isEqualTo(1);
    }

    /** The attack of issue 14: a forged PDF with its own hash written into the row. */
    @Test
    void aRowWhoseHashAndContentWereRewrittenVerifiesBrokenNotValid() {
        Documents.Issued genuine = letter("T-FORGE");
        Documents.Issued forged = letter("T-FORGE");
        asSuperuser("update issued_document set content = ?, sha256 = ? where code = ?", forged.pdf(),
                forged.document().sha256(), genuine.document().code());

        Documents.Check check = documents.verify(genuine.document().code());
        assertThat(check.valid()).isFalse();
        assertThat(check.integrity()).isEqualTo(Integrity.HASH_REWRITTEN);
        assertThat(documents.verify(forged.document().code()).valid()).as("the other document").isTrue();
    }

    @Test
    void contentRewrittenWithoutItsHashOrAVoidEntryErasedAlsoVerifyBroken() {
        Documents.Issued a = letter("T-ERASE");
        asSuperuser("update issued_document set content = ? where code = ?", new byte[]{'%', 'P', 'D', 'F'},
                a.document().code());
        assertThat(documents.verify(a.document().code()).integrity()).isEqualTo(Integrity.CONTENT_REWRITTEN);

        Documents.Issued b = letter("T-ERASE");
        documents.voidDocument(b.document().code(), "作废", null, "admin");
        asSuperuser("delete from document_void where code = ?", b.document().code());
        Documents.Check erased = documents.verify(b.document().code());
        assertThat(erased.valid()).isFalse();
        assertThat(erased.integrity()).isEqualTo(Integrity.VOID_MISMATCH);
    }

    @Test
    void anAuditEventRewrittenToMatchAForgedHashBreaksItsOwnHash() {
        Documents.Issued genuine = letter("T-AUDIT");
        Documents.Issued forged = letter("T-AUDIT");
        String forgedSha = forged.document().sha256();
        asSuperuser("update issued_document set content = ?, sha256 = ? where code = ?", forged.pdf(), forgedSha,
                genuine.document().code());
        asSuperuser("update audit_event set data = jsonb_set(data, '{sha256}', to_jsonb(?::text)) "
                + "where action = 'DOCUMENT_ISSUED' and data ->> 'code' = ?", forgedSha, genuine.document().code());
        Documents.Check check = documents.verify(genuine.document().code());
        assertThat(check.valid()).isFalse();
        assertThat(check.integrity()).isEqualTo(Integrity.AUDIT_TAMPERED);
    }
}
