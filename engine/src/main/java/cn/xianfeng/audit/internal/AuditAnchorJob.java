package cn.xianfeng.audit.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes an anchor: copies every chain head that moved into audit_anchor_head, then records a digest over all
 * anchored heads. A later truncation of a chain below its anchored head, or an edit of the anchored heads, shows
 * in verification. Anchors are worth most when their digests are also kept outside the database.
 */
@Component
class AuditAnchorJob {

    private static final String COPY_MOVED_HEADS = """
            insert into audit_anchor_head (chain, seq, hash) select chain, seq, hash from audit_chain_head
            on conflict (chain) do update set seq = excluded.seq, hash = excluded.hash
            where audit_anchor_head.seq <> excluded.seq or audit_anchor_head.hash <> excluded.hash""";

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final ObjectProvider<Clock> clock;
    private final TransactionTemplate transaction;

    AuditAnchorJob(DataSource dataSource, ObjectProvider<Clock> clock, PlatformTransactionManager transactions) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(2000);
        this.streaming = JdbcClient.create(template);
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every xianfeng.audit.anchor-interval, on one node per interval. */
    @Scheduled(fixedDelayString = "${xianfeng.audit.anchor-interval:10m}",
            initialDelayString = "${xianfeng.audit.anchor-interval:10m}")
    @SchedulerLock(name = "audit-anchor", lockAtLeastFor = "${xianfeng.audit.anchor-interval:10m}",
            lockAtMostFor = "${xianfeng.audit.anchor-interval:10m}")
    public void scheduled() {
        anchor();
    }

    /** Writes an anchor unless no chain moved since the last one; returns whether it wrote one. */
    public boolean anchor() {
        return Boolean.TRUE.equals(transaction.execute(tx -> write()));
    }

    private boolean write() {
        // one anchor writer at a time; appends never touch this table
        jdbc.sql("lock table audit_anchor_head in share row exclusive mode").update();
        int moved = jdbc.sql(COPY_MOVED_HEADS).update();
        boolean anchored = jdbc.sql("select exists (select 1 from audit_anchor)").query(Boolean.class).single();
        if (moved == 0 && anchored) {
            return false;
        }
        HeadsDigest heads = new HeadsDigest();
        streaming.sql(HeadsDigest.QUERY).query(heads);
        jdbc.sql("insert into audit_anchor (at, heads_digest, chains, events) values (:at, :digest, :chains, :events)")
                .param("at", OffsetDateTime.now(clock.getIfAvailable(Clock::systemUTC)).withOffsetSameInstant(ZoneOffset.UTC))
                .param("digest", heads.digest()).param("chains", heads.chains()).param("events", heads.events())
                .update();
        return true;
    }
}
