package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import org.flowable.dmn.api.DmnDecisionService;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frequency each meeting type requires, decided by processes/meeting-frequency.dmn. The table changes only
 * with a deployment, so each type is evaluated once per run of the application.
 */
@Component
public class Frequencies {

    private final DmnDecisionService dmn;
    private final Map<MeetingType, Frequency> cache = new ConcurrentHashMap<>();

    Frequencies(DmnDecisionService dmn) {
        this.dmn = dmn;
    }

    public Frequency of(MeetingType type) {
        return cache.computeIfAbsent(type, t -> {
            Map<String, Object> result = dmn.createExecuteDecisionBuilder().decisionKey("meeting-frequency")
                    .variable("type", t.name()).executeWithSingleResult();
            if (result == null || result.get("frequency") == null) {
                throw new IllegalStateException("meeting-frequency.dmn has no frequency for " + t);
            }
            return Frequency.valueOf(result.get("frequency").toString());
        });
    }
}
