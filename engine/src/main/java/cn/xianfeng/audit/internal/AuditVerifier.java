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

    /** Heads whose chain ends elsewhere, and chains without a head; names the chain's last event (0: none left). */
    private static final String HEAD_CHECK = """
            select coalesce(t.id, 0) from audit_chain_head h
            full join (select distinct on (chain) chain, id, seq, hash from audit_event order by chain, seq desc) t
                   on t.chain = h.chain
            where h.seq is distinct from t.seq or h.hash is distinct from t.hash""";

    private static final String CHAIN_HEAD_CHECK = """
            select coalesce(t.id, 0) from (select chain, seq, hash from audit_chain_head where chain = ?) h
            full join (select chain, id, seq, hash from audit_event where chain = ? order by seq desc limit 1) t
                   on t.chain = h.chain
            where h.seq is distinct from t.seq or h.hash is distinct from t.hash""";

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
        jdbc.sql(HEAD_CHECK).query(Long.class).list().forEach(id -> broken.offer(id, "head mismatch"));
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
        jdbc.sql(CHAIN_HEAD_CHECK).params(chain, chain).query(Long.class).list()
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
