package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditVerification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Verifies the whole store in the caller's transaction (which should be one snapshot): walks every chain
 * (streamed), compares each chain's last event with its head row, and each head recorded by the latest anchor
 * with the event at that position, and the latest anchor's digest with the anchored heads.
 */
@Component
class AuditVerifier {

    /** Heads whose chain has no event left (the walk compares every other head with its chain's last event). */
    private static final String ORPHAN_HEADS = """
            select 0 from audit_chain_head h where not exists (select 1 from audit_event e where e.chain = h.chain)""";

    /** Anchored heads no longer found in their chain; names that event, or the chain's last event. */
    private static final String ANCHOR_CHECK = """
            select coalesce(e.id, (select x.id from audit_event x where x.chain = a.chain order by x.seq desc limit 1), 0)
            from audit_anchor_head a
            left join audit_event e on e.chain = a.chain and e.seq = a.seq
            where e.hash is distinct from a.hash""";

    private static final int FETCH_SIZE = 2000;

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final CanonicalJson canonicalJson = new CanonicalJson();

    AuditVerifier(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(template);
        this.jdbc = JdbcClient.create(dataSource);
    }

    AuditVerification verify() {
        FirstBroken broken = new FirstBroken();
        ChainWalk walk = new ChainWalk(canonicalJson, broken);
        streaming.sql(ChainWalk.QUERY).query(walk);
        walk.finishChain();
        jdbc.sql(ORPHAN_HEADS).query(Long.class).list().forEach(id -> broken.offer(id, "head mismatch"));
        jdbc.sql(ANCHOR_CHECK).query(Long.class).list().forEach(id -> broken.offer(id, "head mismatch"));
        if (!anchorMatches()) {
            broken.offer(0, "anchor mismatch");
        }
        return new AuditVerification(broken.get() == null, walk.events(), broken.get());
    }

    /** One chain walked and compared with its head row; anchors cover all chains and are left to {@link #verify}. */
    AuditVerification verifyChain(String chain) {
        FirstBroken broken = new FirstBroken();
        ChainWalk walk = new ChainWalk(canonicalJson, broken);
        jdbc.sql(ChainWalk.CHAIN_QUERY).param(chain).query(walk);
        walk.finishChain();
        jdbc.sql(ORPHAN_HEADS + " and h.chain = ?").param(chain).query(Long.class).list()
                .forEach(id -> broken.offer(id, "head mismatch"));
        return new AuditVerification(broken.get() == null, walk.events(), broken.get());
    }

    private boolean anchorMatches() {
        List<Anchor> latest = jdbc.sql("select heads_digest, chains, events from audit_anchor order by id desc limit 1")
                .query((rs, n) -> new Anchor(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        HeadsDigest heads = new HeadsDigest();
        streaming.sql(HeadsDigest.QUERY).query(heads);
        if (latest.isEmpty()) {
            return heads.chains() == 0;
        }
        Anchor anchor = latest.get(0);
        return anchor.headsDigest().equals(heads.digest()) && anchor.chains() == heads.chains()
                && anchor.events() == heads.events();
    }

    private record Anchor(String headsDigest, long chains, long events) {
    }
}
