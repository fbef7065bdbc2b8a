package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * A rebuild's new table, {@code search_document_next}, made like the serving one (columns, constraints, indexes).
 * Publishing is one statement, so one transaction: the serving table is dropped, the new one takes its name and
 * each of its indexes the name of the serving index with the same definition (later migrations find them).
 */
final class PostgresGeneration implements SearchIndex.Generation {

    static final String NEXT = "search_document_next";

    private static final String SWAP = """
            do $$
            declare
                old_names text[];
                old_defs  text[];
                r         record;
            begin
                set local lock_timeout = '30s';
                select array_agg(c.relname::text), array_agg(i.indisunique || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', ''))
                  into old_names, old_defs
                  from pg_index i join pg_class c on c.oid = i.indexrelid
                 where i.indrelid = 'search_document'::regclass;
                drop table search_document;
                alter table search_document_next rename to search_document;
                for r in select c.relname::text as name,
                                i.indisunique || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') as def
                           from pg_index i join pg_class c on c.oid = i.indexrelid
                          where i.indrelid = 'search_document'::regclass loop
                    for k in 1 .. coalesce(array_length(old_defs, 1), 0) loop
                        if old_defs[k] = r.def then
                            execute format('alter index %I rename to %I', r.name, old_names[k]);
                            old_defs[k] := null;
                            exit;
                        end if;
                    end loop;
                end loop;
            end
            $$""";

    private final JdbcClient jdbc;

    private PostgresGeneration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static PostgresGeneration create(JdbcClient jdbc) {
        try {
            // a table left by a rebuild that died is dropped: only one rebuild runs at a time (Reindex's lease)
            jdbc.sql("drop table if exists " + NEXT).update();
            jdbc.sql("create table " + NEXT + " (like search_document including all)").update();
        } catch (DataAccessException e) {
            throw new SearchUnavailableException("PostgreSQL could not create " + NEXT + ": " + e.getMessage(), e);
        }
        return new PostgresGeneration(jdbc);
    }

    @Override
    public IndexOutcome load(List<SearchDocument> documents) {
        return PostgresWrites.upsert(jdbc, NEXT, documents);
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from " + NEXT).query(Long.class).single();
    }

    @Override
    public void publish() {
        try {
            jdbc.sql(SWAP).update();
        } catch (DataAccessException e) {
            throw new SearchUnavailableException("PostgreSQL could not swap in the rebuilt table: " + e.getMessage(), e);
        }
    }

    @Override
    public void discard() {
        try {
            jdbc.sql("drop table if exists " + NEXT).update();
        } catch (DataAccessException e) {
            // left for the next rebuild to drop
        }
    }
}
