package cn.xianfeng.evidence;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stores uploads content-addressed after checking size, type and name; refused uploads leave nothing behind. */
@Service
public class Attachments {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;
    /** Fetches one row at a time, so that a result of many files is never in memory at once. */
    private final org.springframework.jdbc.core.JdbcTemplate streaming;

    Attachments(JdbcClient jdbc, AuditTrail audit, Clock clock,
                @Value("${xianfeng.attachments.max-size:20MB}") DataSize maxSize, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1);
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
    }

    /** The caller has already checked that {@code actor} may attach to {@code caseId} (null: not yet bound to a case). */
    @Transactional
    public Attachment store(String caseId, String filename, InputStream content, String actor, String orgCode) throws IOException {
        String name = SafeName.of(filename);
        byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new TooLargeException("文件超过上限 " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("file", "文件为空");
        }
        FileType type = FileType.sniff(bytes, name).orElseThrow(() ->
                new UnsupportedTypeException("只接受 PDF、PNG、JPEG、DOCX、XLSX 文件，且扩展名须与内容一致"));
        if (type == FileType.PNG || type == FileType.JPEG) {
            // an image that claims more pixels than any document will embed is refused at the door, unread
            var header = cn.xianfeng.evidence.internal.ImageHeader.read(bytes).orElse(null);
            if (header != null && !header.withinLimits()) {
                throw InvalidInputException.of("file", "图片尺寸 " + header.width() + "×" + header.height()
                        + " 像素超出上限（每边至多 " + Limits.IMAGE_SIDE + " 像素，共至多 " + Limits.IMAGE_PIXELS / 10_000
                        + " 万像素）");
            }
        }
        String sha = sha256(bytes);
        jdbc.sql("insert into attachment_blob (sha256, size, content) values (?, ?, ?) on conflict (sha256) do nothing")
                .params(sha, bytes.length, bytes).update();
        Attachment a = new Attachment(UUID.randomUUID().toString(), caseId, name, type.mediaType(), bytes.length, sha,
                actor, clock.instant());
        jdbc.sql("""
                insert into attachment (id, case_id, name, type, size, sha256, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), caseId, name, a.type(), a.size(), sha, actor, Timestamp.from(a.uploadedAt())).update();
        audit.record(new AuditEntry(actor, orgCode, "ATTACHMENT_ADDED", caseId, null, null,
                Map.of("attachment", a.id(), "name", name, "size", a.size(), "sha256", sha), null, null));
        return a;
    }

    public Optional<Attachment> find(String id) {
        return jdbc.sql("select * from attachment where id = ?").param(id).query(Attachments::map).optional();
    }

    public List<Attachment> ofCase(String caseId) {
        return jdbc.sql("select * from attachment where case_id = ? order by uploaded_at").param(caseId)
                .query(Attachments::map).list();
    }

    /** Binds uploads made before their case existed (the start form) to the new case. */
    @Transactional
    public void bind(List<String> ids, String caseId) {
        for (String id : ids) {
            jdbc.sql("update attachment set case_id = ? where id = ? and case_id is null").params(caseId, id).update();
        }
    }

    /**
     * The contents of {@code list}, in its order, handed one at a time to {@code each} as one statement streams them
     * (a document embedding ten scans costs one statement, and holds one file in memory at a time). Needs a
     * transaction: PostgreSQL streams a result only inside one.
     */
    @Transactional(readOnly = true)
    public void contents(List<Attachment> list, java.util.function.BiConsumer<Attachment, byte[]> each) {
        if (list.isEmpty()) {
            return;
        }
        java.util.Map<String, Attachment> byId = new java.util.HashMap<>();
        list.forEach(a -> byId.put(a.id(), a));
        streaming.query("select l.id, b.content from unnest(?::varchar[]) with ordinality as l(id, n) "
                        + "join attachment a on a.id = l.id join attachment_blob b on b.sha256 = a.sha256 order by l.n",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(byId.get(rs.getString(1)), rs.getBytes(2)),
                (Object) list.stream().map(Attachment::id).toArray(String[]::new));
    }

    public byte[] content(String id) {
        Attachment a = find(id).orElseThrow(() -> new NotFoundException("附件不存在：" + id));
        return jdbc.sql("select content from attachment_blob where sha256 = ?").param(a.sha256()).query(byte[].class).single();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Attachment map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Attachment(rs.getString("id"), rs.getString("case_id"), rs.getString("name"), rs.getString("type"),
                rs.getLong("size"), rs.getString("sha256"), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }

    static final class SafeName {
        private SafeName() {
        }

        /** The last path segment, without control characters, at most 200 characters. */
        static String of(String filename) {
            if (filename == null) {
                throw InvalidInputException.of("file", "缺少文件名");
            }
            String base = filename.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
            if (base.isEmpty() || base.equals(".") || base.equals("..")) {
                throw InvalidInputException.of("file", "文件名无效");
            }
            return base.length() > 200 ? base.substring(base.length() - 200) : base;
        }
    }
}
