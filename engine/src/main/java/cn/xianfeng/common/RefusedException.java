package cn.xianfeng.common;

import java.util.Locale;

/**
 * A refusal a person reads (403, 404, 409, 413, 415, 429): its message is the Chinese text (logs, the default), and
 * {@link #message(Locale)} gives it in the reader's language when it was made from a {@link Refusal}.
 */
public abstract class RefusedException extends RuntimeException {

    private final transient Refusal refusal;

    protected RefusedException(String message) {
        super(message);
        this.refusal = null;
    }

    protected RefusedException(Refusal refusal) {
        super(refusal.in(Locale.ROOT));
        this.refusal = refusal;
    }

    /** The message in the reader's language (Chinese where no English text exists yet). */
    public String message(Locale locale) {
        return refusal == null ? getMessage() : refusal.in(locale);
    }
}
