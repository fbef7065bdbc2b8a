package cn.xianfeng.meeting.internal;

import cn.xianfeng.cluster.SharedCache;
import cn.xianfeng.cluster.SharedCaches;
import cn.xianfeng.meeting.MeetingType;
import org.flowable.dmn.api.DmnDecisionService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The frequency each meeting type requires, decided by processes/meeting-frequency.dmn. The table changes only
 * with a deployment, so each type is evaluated once and kept; a node that starts has deployed its models, and tells
 * every node to evaluate again (a rolling upgrade may bring a new table).
 */
@Component
public class Frequencies {

    private final DmnDecisionService dmn;
    private final SharedCache<Frequency> cache;

    Frequencies(DmnDecisionService dmn, SharedCaches caches) {
        this.dmn = dmn;
        this.cache = caches.cache("meeting-frequencies");
    }

    public Frequency of(MeetingType type) {
        return cache.get(type.name(), t -> evaluate(MeetingType.valueOf(t)));
    }

    @EventListener(ApplicationReadyEvent.class)
    void deployed() {
        cache.invalidateAll();
    }

    private Frequency evaluate(MeetingType t) {
        Map<String, Object> result = dmn.createExecuteDecisionBuilder().decisionKey("meeting-frequency")
                .variable("type", t.name()).executeWithSingleResult();
        if (result == null || result.get("frequency") == null) {
            throw new IllegalStateException("meeting-frequency.dmn has no frequency for " + t);
        }
        return Frequency.valueOf(result.get("frequency").toString());
    }
}
