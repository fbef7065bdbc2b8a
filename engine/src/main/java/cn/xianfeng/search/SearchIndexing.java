package cn.xianfeng.search;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.People;
import cn.xianfeng.search.internal.IndexingStatus;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The state of indexing for administrators: the dead letters (events whose documents the index kept refusing,
 * no longer retried) and retrying one once its cause is fixed; and counts for the monitoring metrics.
 */
@Service
public class SearchIndexing {

    /** A page of the list is enough to act on; the metric gives the full count. */
    static final int LIST_LIMIT = 200;

    /** {@code deadLetters}: no longer retried; {@code retrying}: failed, waiting for another attempt. */
    public record Counts(long deadLetters, long retrying) {
    }

    private final IndexingStatus status;
    private final People people;

    SearchIndexing(IndexingStatus status, People people) {
        this.status = status;
        this.people = people;
    }

    /** The most recent dead letters first; administrators only. */
    public List<DeadLetter> deadLetters(String viewer) {
        requireAdmin(people, viewer, "只有管理员可以查看索引死信");
        return status.deadLetters(LIST_LIMIT);
    }

    /** Tries a dead letter again at once; administrators only; 404 if the event is not a dead letter. */
    public void retry(long eventId, String viewer) {
        requireAdmin(people, viewer, "只有管理员可以重试索引死信");
        if (!status.requeue(eventId)) {
            throw new NotFoundException(Refusal.of("search.noDeadLetter"));
        }
    }

    /** For the metrics (no viewer: the monitoring system reads them). */
    public Counts counts() {
        return new Counts(status.deadLetterCount(), status.pendingCount());
    }

    static void requireAdmin(People people, String username, String refusal) {
        if (!people.get(username).administers()) {
            throw new ForbiddenException(refusal);
        }
    }
}
