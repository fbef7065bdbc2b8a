package cn.xianfeng.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the reads of one request come from (its source address and request line), and the reads it has made so
 * far, one per case. The portal binds one to each request's thread; the engine's read façade adds to it at every
 * visibility check, and the portal writes the reads to the log before any byte of the response leaves. Without a
 * bound origin (jobs, tests of the engine) reads are written at once.
 */
public final class ReadOrigin {

    private static final ThreadLocal<ReadOrigin> CURRENT = new ThreadLocal<>();

    private final String address;
    private final String request;
    private final Map<String, Pending> byCase = new LinkedHashMap<>();
    private final List<Pending> order = new ArrayList<>();
    private Boolean auditReader;

    private ReadOrigin(String address, String request) {
        this.address = address;
        this.request = request;
    }

    /** One read to be logged: its case (null for searches and the whole trail), kind and detail. */
    public record Pending(String actor, String caseId, ReadKind kind, String detail) {
    }

    /** Binds an origin to this thread for the duration of a request; close it when the request ends. */
    public static ReadOrigin open(String address, String request) {
        ReadOrigin origin = new ReadOrigin(address, request);
        CURRENT.set(origin);
        return origin;
    }

    public static Optional<ReadOrigin> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    public String address() {
        return address;
    }

    public String request() {
        return request;
    }

    /** Whether the request's reader is an auditor, computed once per request. */
    public boolean auditReader(String actor, Supplier<Boolean> decide) {
        if (auditReader == null) {
            auditReader = decide.get();
        }
        return auditReader;
    }

    /**
     * Notes a read of a case; a second read of the same case in this request is the same read, except that a more
     * specific kind (a download, a verification) replaces the plain view and a given detail replaces the request line.
     */
    public void read(String actor, String caseId, ReadKind kind, String detail) {
        if (caseId == null) {
            order.add(new Pending(actor, null, kind, detail == null ? request : detail));
            return;
        }
        Pending before = byCase.get(caseId);
        if (before == null) {
            Pending p = new Pending(actor, caseId, kind, detail == null ? request : detail);
            byCase.put(caseId, p);
            order.add(p);
            return;
        }
        boolean specific = kind != ReadKind.CASE_VIEWED;
        Pending after = new Pending(actor, caseId, specific ? kind : before.kind(),
                specific && detail != null ? detail : before.detail());
        byCase.put(caseId, after);
        order.set(order.indexOf(before), after);
    }

    /** The reads of this request in the order first made, emptied: the caller writes them. */
    public List<Pending> drain() {
        List<Pending> out = List.copyOf(order);
        order.clear();
        byCase.clear();
        return out;
    }

    public boolean hasPending() {
        return !order.isEmpty();
    }
}
