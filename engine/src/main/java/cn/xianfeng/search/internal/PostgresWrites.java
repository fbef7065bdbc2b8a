package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes documents into a search table with one multi-row upsert (arrays unnested), keeping the newer version of
 * a document. A row PostgreSQL refuses for its data (SQL state classes 22 and 23) is found by halving the batch
 * and refused alone; any other failure is the store's, and refuses nothing.
 */
final class PostgresWrites {

    private static final String COLUMNS = "id, kind, case_id, process, case_subject, org_code, org_path, actor, action, "
            + "step_id, at, text, name, status, candidates, due, ended_at, version";

    private PostgresWrites() {
    }

    static IndexOutcome upsert(JdbcClient jdbc, String table, List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return IndexOutcome.ALL_STORED;
        }
        try {
            write(jdbc, table, documents);
            return IndexOutcome.ALL_STORED;
        } catch (DataAccessException e) {
            if (!refusesData(e)) {
                throw new SearchUnavailableException("PostgreSQL could not store search documents: " + e.getMessage(), e);
            }
            if (documents.size() == 1) {
                return new IndexOutcome(Map.of(documents.get(0).id(), reason(e)));
            }
            int half = documents.size() / 2;
            Map<String, String> rejected = new HashMap<>(upsert(jdbc, table, documents.subList(0, half)).rejected());
            rejected.putAll(upsert(jdbc, table, documents.subList(half, documents.size())).rejected());
            return new IndexOutcome(rejected);
        }
    }

    private static void write(JdbcClient jdbc, String table, List<SearchDocument> documents) {
        jdbc.sql(insert(table, "")).params((Object[]) columns(documents)).update();
    }

    /**
     * Writes the documents and moves the indexer's cursor in one statement, the write only if the cursor moved
     * ({@code move}: an update of one row returning a column, its parameters first); true if it moved. A refused row
     * fails the whole statement: the caller's transaction is then rolled back and the batch written the slow way.
     */
    static boolean upsertMoving(JdbcClient jdbc, String table, List<SearchDocument> documents, String move,
                                Object[] moveParams) {
        if (documents.isEmpty()) {
            return jdbc.sql("with moved as (" + move + ") select count(*) from moved").params(moveParams)
                    .query(Long.class).single() == 1;
        }
        Object[] params = new Object[moveParams.length + 18];
        System.arraycopy(moveParams, 0, params, 0, moveParams.length);
        System.arraycopy(columns(documents), 0, params, moveParams.length, 18);
        return jdbc.sql("with moved as (" + move + "), written as ("
                        + insert(table, " where exists (select 1 from moved)") + " returning 1)"
                        + " select count(*) from moved")
                .params(params).query(Long.class).single() == 1;
    }

    /** The documents as 18 text arrays, one per column; one document per id, the newest derivation. */
    private static String[][] columns(List<SearchDocument> documents) {
        // an upsert may not touch a row twice in one statement
        Map<String, SearchDocument> unique = new LinkedHashMap<>();
        documents.forEach(d -> unique.merge(d.id(), d, (a, b) -> b.version() >= a.version() ? b : a));
        int n = unique.size();
        String[][] columns = new String[18][n];
        int i = 0;
        for (SearchDocument d : unique.values()) {
            String[] row = {d.id(), d.kind().name(), d.caseId(), d.process(), d.caseSubject(), d.orgCode(), d.orgPath(),
                    d.actor(), d.action(), d.stepId(), text(d.at()), d.text(), d.name(), d.status(),
                    String.join(" ", d.candidates()), text(d.due()), text(d.ended()), Long.toString(d.version())};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
            i++;
        }
        return columns;
    }

    private static String insert(String table, String where) {
        StringBuilder arrays = new StringBuilder();
        for (int c = 0; c < 18; c++) {
            arrays.append(c == 0 ? "" : ", ").append("cast(? as text[])");
        }
        return "insert into " + table + " (" + COLUMNS + ")"
                + " select id, kind, case_id, process, case_subject, org_code, org_path, actor, action, step_id,"
                + " cast(at as timestamptz), text, name, status, candidates, cast(due as timestamptz),"
                + " cast(ended_at as timestamptz), cast(version as bigint)"
                + " from unnest(" + arrays + ") as d(" + COLUMNS + ")" + where
                + " on conflict (id) do update set kind = excluded.kind, case_id = excluded.case_id,"
                + " process = excluded.process, case_subject = excluded.case_subject, org_code = excluded.org_code,"
                + " org_path = excluded.org_path, actor = excluded.actor, action = excluded.action,"
                + " step_id = excluded.step_id, at = excluded.at, text = excluded.text, name = excluded.name,"
                + " status = excluded.status, candidates = excluded.candidates, due = excluded.due,"
                + " ended_at = excluded.ended_at, version = excluded.version"
                + " where " + table + ".version <= excluded.version";
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    /** Data exceptions (22) and integrity constraint violations (23) are the row's fault; the rest the store's. */
    static boolean refusesData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getSQLState() + ": " + p.getServerErrorMessage().getMessage();
            }
        }
        return e.getMessage();
    }
}
