package cn.xianfeng.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head (seq, hash) each recently appended chain had after this node's last append to it: a guess, never
 * trusted (an append moves the head only from exactly this value, under the row lock, else reads the head).
 * A guess from a transaction that rolled back, or a chain another node appended to, only costs the read.
 * Bounded: the least recently used chains are forgotten.
 */
final class ChainHeads {

    static final int CAPACITY = 16_384;

    record Head(long seq, String hash) {
    }

    private final Map<String, Head> heads = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Head get(String chain) {
        return heads.get(chain);
    }

    synchronized void moved(String chain, Head head) {
        heads.put(chain, head);
    }

    /** A head read from the table: kept unless a later one (this node's own append) is known already. */
    synchronized void seen(String chain, Head head) {
        Head known = heads.get(chain);
        if (known == null || known.seq() < head.seq()) {
            heads.put(chain, head);
        }
    }

    synchronized int size() {
        return heads.size();
    }
}
