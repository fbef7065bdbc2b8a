package cn.xianfeng.evidence;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A case's files for a document that lists them and then embeds some (a dossier): the list and the contents of the
 * files of the asked media types come from one statement, streamed a row at a time, the list's rows first. So the
 * list costs no statement of its own, and no more than one file's content is in memory at a time (the first one,
 * read ahead when the list ends, waits there while the document is written up to its attachments).
 */
@Service
public class CaseFiles {

    private static final String QUERY = """
            select * from (
              select a.*, null::bytea as listed_content, 0 as listed_part from attachment a where a.case_id = ?
              union all
              select a.*, b.content, 1 from attachment a join attachment_blob b on b.sha256 = a.sha256
               where a.case_id = ? and a.type = any (?::varchar[])
            ) f order by listed_part, uploaded_at, id""";

    /** The files of a case as {@link #read} hands them over. */
    public interface Listed {

        /** Every file of the case, oldest first (as {@link Attachments#ofCase}). */
        List<Attachment> list();

        /** The contents of the listed files of the asked types, in the list's order, one at a time; once. */
        void contents(BiConsumer<Attachment, byte[]> each);
    }

    private final JdbcTemplate streaming;

    CaseFiles(DataSource dataSource) {
        // one row per fetch: a result of many files is never in memory at once (PostgreSQL streams in a transaction)
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1);
    }

    /**
     * Runs {@code use} with the case's files while the statement's result stays open; the contents not taken by then
     * are never read. Needs a transaction, which it joins or starts.
     */
    @Transactional(readOnly = true)
    public <T> T read(String caseId, Collection<String> contentTypes, Function<Listed, T> use) {
        try (Stream<Row> rows = streaming.queryForStream(QUERY, (rs, i) -> rs.getInt("listed_part") == 0
                        ? new Row(Attachments.map(rs, i), null, true)
                        : new Row(Attachments.map(rs, i), rs.getBytes("listed_content"), false), caseId, caseId,
                contentTypes.toArray(String[]::new))) {
            return use.apply(new Cursor(rows.iterator()));
        }
    }

    private record Row(Attachment attachment, byte[] content, boolean listed) {
    }

    private static final class Cursor implements Listed {

        private final Iterator<Row> rows;
        private final List<Attachment> list = new ArrayList<>();
        private Row next;
        private boolean taken;

        Cursor(Iterator<Row> rows) {
            this.rows = rows;
            while (rows.hasNext()) {
                Row row = rows.next();
                if (!row.listed()) {
                    next = row;
                    break;
                }
                list.add(row.attachment());
            }
        }

        @Override
        public List<Attachment> list() {
            return List.copyOf(list);
        }

        @Override
        public void contents(BiConsumer<Attachment, byte[]> each) {
            if (taken) {
                throw new IllegalStateException("the contents are streamed once");
            }
            taken = true;
            Row row = next;
            next = null;
            while (row != null) {
                each.accept(row.attachment(), row.content());
                row = rows.hasNext() ? rows.next() : null;
            }
        }
    }
}
