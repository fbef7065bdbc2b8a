package cn.xianfeng.cluster;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generation caches on a real PostgreSQL, two nodes being two {@link Generations} with caches of their own: an
 * entry is served again while the table is unchanged, any committed change to the table (by either node, or by SQL
 * from outside) makes both load again in their next transaction, a rolled-back change does not, the changing
 * transaction reads around the cache, and nothing is cached outside a transaction.
 */
@SpringBootTest(classes = EngineTestApplication.class)
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class GenerationCacheTest {

    @Autowired DataSource dataSource;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    final AtomicInteger loadsA = new AtomicInteger();
    final AtomicInteger loadsB = new AtomicInteger();

    private String read(GenerationCache<String> cache, AtomicInteger loads) {
        return transactions.execute(s -> cache.get("k", k -> {
            loads.incrementAndGet();
            return probes();
        }));
    }

    /** The probe orgs this test adds (other tests may share the database). */
    private String probes() {
        return jdbc.sql("select coalesce(string_agg(code, ',' order by code), '') from org_unit where code like 'GEN-%'")
                .query(String.class).single();
    }

    @org.junit.jupiter.api.AfterEach
    void removeProbes() {
        jdbc.sql("delete from org_unit where code like 'GEN-%'").update();
    }

    private void addOrg(String code) {
        jdbc.sql("insert into org_unit (code, name, type, parent_code, path) values (?, ?, 'COMMITTEE', null, ?)")
                .params(code, "缓存探针" + code, "/" + code + "/").update();
    }

    @Test
    void aCommittedChangeOnEitherNodeIsSeenByBothInTheirNextTransactionAndOnlyThen() {
        GenerationCache<String> a = new Generations(JdbcClient.create(dataSource)).cache("orgs", 10);
        GenerationCache<String> b = new Generations(JdbcClient.create(dataSource)).cache("orgs", 10);
        String before = read(a, loadsA);
        assertThat(read(b, loadsB)).isEqualTo(before);
        assertThat(read(a, loadsA)).isEqualTo(before);
        assertThat(read(b, loadsB)).isEqualTo(before);
        assertThat(loadsA).as("node A: loaded once, then served").hasValue(1);
        assertThat(loadsB).as("node B: loaded once, then served").hasValue(1);

        transactions.executeWithoutResult(tx -> {
            addOrg("GEN-R");
            tx.setRollbackOnly();
        });
        assertThat(read(b, loadsB)).isEqualTo(before);
        assertThat(loadsB).as("a rolled-back change moves nothing").hasValue(1);

        transactions.executeWithoutResult(tx -> addOrg("GEN-1"));
        String after = "GEN-1";
        assertThat(read(b, loadsB)).as("node B, next transaction").isEqualTo(after);
        assertThat(read(a, loadsA)).as("node A, next transaction").isEqualTo(after);
        assertThat(read(b, loadsB)).isEqualTo(after);
        assertThat(loadsB).hasValue(2);
        assertThat(loadsA).hasValue(2);

        // the changing transaction sees its own change, and what it loads is not kept for others
        String inside = transactions.execute(tx -> {
            a.changing();
            addOrg("GEN-2");
            return a.get("k", k -> {
                loadsA.incrementAndGet();
                return probes();
            });
        });
        assertThat(inside).isEqualTo("GEN-1,GEN-2");
        assertThat(read(a, loadsA)).isEqualTo(inside);
        assertThat(loadsA).as("loaded inside the change, and again after it").hasValue(4);

        // outside a transaction nothing is cached: every call loads
        a.get("k", k -> String.valueOf(loadsA.incrementAndGet()));
        a.get("k", k -> String.valueOf(loadsA.incrementAndGet()));
        assertThat(loadsA).hasValue(6);
    }
}
