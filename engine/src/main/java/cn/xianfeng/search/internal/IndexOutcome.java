package cn.xianfeng.search.internal;

import java.util.Map;

/** What an index did with a batch: every document stored, except those it refused (document id → its reason). */
public record IndexOutcome(Map<String, String> rejected) {

    static final IndexOutcome ALL_STORED = new IndexOutcome(Map.of());

    public IndexOutcome {
        rejected = Map.copyOf(rejected);
    }
}
