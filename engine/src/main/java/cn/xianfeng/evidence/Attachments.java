package cn.xianfeng.evidence;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.TooManyRequestsException;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores uploads content-addressed after checking size, type and name; refused uploads leave nothing behind.
 * An upload made before its case or step exists (a form's file) is <em>unbound</em>: only its uploader may bind it to
 * a case, each uploader may hold a bounded number and volume of them, and those never bound expire
 * ({@code UnboundUploads}), so nobody can plant files in someone else's record or fill the disk with orphans.
 */
@Service
public class Attachments {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;
    private final int unboundCount;
    private final long unboundBytes;

    Attachments(JdbcClient jdbc, AuditTrail audit, Clock clock,
                @Value("${xianfeng.attachments.max-size:20MB}") DataSize maxSize,
                @Value("${xianfeng.attachments.unbound-max-count:50}") int unboundCount,
                @Value("${xianfeng.attachments.unbound-max-size:200MB}") DataSize unboundSize) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
        this.unboundCount = unboundCount;
        this.unboundBytes = unboundSize.toBytes();
    }

    /** The caller has already checked that {@code actor} may attach to {@code caseId} (null: not yet bound to a case). */
    @Transactional
    public Attachment store(String caseId, String filename, InputStream content, String actor, String orgCode) throws IOException {
        String name = SafeName.of(filename);
        if (caseId == null) {
            requireRoomForUnbound(actor);
        }
        byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new TooLargeException(Refusal.of("evidence.fileTooLarge", String.valueOf(DataSize.ofBytes(maxBytes).toMegabytes())));
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("file", Refusal.of("common.emptyFile"));
        }
        FileType type = FileType.sniff(bytes, name).orElseThrow(() ->
                new UnsupportedTypeException(Refusal.of("evidence.fileTypes")));
        if (type == FileType.PNG || type == FileType.JPEG) {
            // an image that claims more pixels than any document will embed is refused at the door, unread
            var header = cn.xianfeng.evidence.internal.ImageHeader.read(bytes).orElse(null);
            if (header != null && !header.withinLimits()) {
                throw InvalidInputException.of("file", Refusal.of("evidence.imageTooLarge", String.valueOf(header.width()), String.valueOf(header.height()), String.valueOf(Limits.IMAGE_SIDE), String.valueOf(Limits.IMAGE_PIXELS / 10_000)));
            }
        }
        String sha = sha256(bytes);
        // "do update" takes the row lock, so the expiry of unbound uploads cannot remove this blob under us
        jdbc.sql("""
                insert into attachment_blob (sha256, size, content) values (?, ?, ?)
                on conflict (sha256) do update set size = excluded.size""")
                .params(sha, bytes.length, bytes).update();
        Attachment a = new Attachment(UUID.randomUUID().toString(), caseId, name, type.mediaType(), bytes.length, sha,
                actor, clock.instant(), null);
        jdbc.sql("""
                insert into attachment (id, case_id, name, type, size, sha256, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), caseId, name, a.type(), a.size(), sha, actor, Timestamp.from(a.uploadedAt())).update();
        audit.record(new AuditEntry(actor, orgCode, AuditAction.ATTACHMENT_ADDED, caseId, null, null,
                Map.of("attachment", a.id(), "name", name, "size", a.size(), "sha256", sha), null, null));
        return a;
    }

    public Optional<Attachment> find(String id) {
        return jdbc.sql("select * from attachment where id = ?").param(id).query(Attachments::map).optional();
    }

    /** Every attachment of a case, from its start form, its task forms and free uploads, oldest first. */
    public List<Attachment> ofCase(String caseId) {
        return jdbc.sql("select * from attachment where case_id = ? order by uploaded_at, id").param(caseId)
                .query(Attachments::map).list();
    }

    /**
     * Which of these ids the actor may not name in a form of this case (null: a case about to start): any that is
     * neither the actor's own unbound upload nor already this case's. The answer does not tell apart a file that
     * does not exist from another person's.
     */
    public List<String> notBindable(String caseId, Collection<String> ids, String actor) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> ok = new HashSet<>(jdbc.sql("""
                select id from attachment where id = any(?)
                   and ((case_id is null and uploaded_by = ?) or case_id = ?)""")
                .params(ids.toArray(String[]::new), actor, caseId).query(String.class).list());
        return ids.stream().filter(id -> !ok.contains(id)).distinct().toList();
    }

    /**
     * Binds the actor's own unbound uploads to a case, at a step (null: the start form), and records each in the
     * case's audit chain with its SHA-256; files already bound to this case stay as they are. Refused with 400 on
     * {@code field} when an id is anything else, and then nothing is bound.
     */
    @Transactional
    public void bind(String caseId, String stepId, Collection<String> ids, String actor, String orgCode, String field) {
        if (ids.isEmpty()) {
            return;
        }
        // one statement: the actor's unbound uploads bound, and those the case holds already, as they stood before
        // it (an id taken meanwhile by a rival bind is in neither list, and the whole step is refused)
        String[] wanted = ids.toArray(String[]::new);
        List<Attachment> bound = new ArrayList<>();
        Set<String> ok = new HashSet<>();
        jdbc.sql("""
                        with b as (update attachment set case_id = ?, step_id = ?
                                    where id = any(?) and case_id is null and uploaded_by = ? returning *)
                        select b.*, true as now_bound from b
                        union all
                        select a.*, false from attachment a where a.id = any(?) and a.case_id = ?""")
                .params(caseId, stepId, wanted, actor, wanted, caseId)
                .query(rs -> {
                    Attachment a = map(rs, 0);
                    ok.add(a.id());
                    if (rs.getBoolean("now_bound")) {
                        bound.add(a);
                    }
                });
        List<String> refused = ids.stream().filter(id -> !ok.contains(id)).distinct().toList();
        if (!refused.isEmpty()) {
            throw InvalidInputException.of(field, Refusal.of("common.attachmentsNotYours", String.join("、", refused)));
        }
        for (Attachment a : bound) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("attachment", a.id());
            data.put("name", a.name());
            data.put("size", a.size());
            data.put("sha256", a.sha256());
            audit.record(new AuditEntry(actor, orgCode, AuditAction.ATTACHMENT_ADDED, caseId, null, stepId, data, null, null));
        }
    }

    /** Unbound uploads older than the cutoff are deleted, and blobs no attachment uses any more; returns how many. */
    @Transactional
    public int expireUnbound(Instant uploadedBefore) {
        List<String> shas = jdbc.sql("""
                delete from attachment where case_id is null and uploaded_at < ? returning sha256""")
                .param(Timestamp.from(uploadedBefore)).query(String.class).list();
        for (String sha : new HashSet<>(shas)) {
            // the row lock waits for an upload of the same content that is still committing (see store)
            jdbc.sql("select sha256 from attachment_blob where sha256 = ? for update").param(sha).query(String.class).optional();
            jdbc.sql("delete from attachment_blob b where sha256 = ? and not exists (select 1 from attachment a where a.sha256 = b.sha256)")
                    .param(sha).update();
        }
        return shas.size();
    }

    private void requireRoomForUnbound(String actor) {
        var held = jdbc.sql("select count(*) n, coalesce(sum(size), 0) bytes from attachment where case_id is null and uploaded_by = ?")
                .param(actor).query((rs, i) -> new long[]{rs.getLong("n"), rs.getLong("bytes")}).single();
        if (held[0] >= unboundCount || held[1] >= unboundBytes) {
            throw new TooManyRequestsException(Refusal.of("evidence.tooManyPending"));
        }
    }

    public byte[] content(String id) {
        Attachment a = find(id).orElseThrow(() -> new NotFoundException(Refusal.of("common.attachmentNotFound", id)));
        return jdbc.sql("select content from attachment_blob where sha256 = ?").param(a.sha256()).query(byte[].class).single();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Attachment map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Attachment(rs.getString("id"), rs.getString("case_id"), rs.getString("name"), rs.getString("type"),
                rs.getLong("size"), rs.getString("sha256"), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), rs.getString("step_id"));
    }

    static final class SafeName {
        private SafeName() {
        }

        /** The last path segment, without control characters, at most 200 characters. */
        static String of(String filename) {
            if (filename == null) {
                throw InvalidInputException.of("file", Refusal.of("evidence.fileNameMissing"));
            }
            String base = filename.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
            if (base.isEmpty() || base.equals(".") || base.equals("..")) {
                throw InvalidInputException.of("file", Refusal.of("evidence.badFileName"));
            }
            return base.length() > 200 ? base.substring(base.length() - 200) : base;
        }
    }
}
