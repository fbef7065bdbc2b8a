package cn.xianfeng.common;

/** Upload over the configured limit (413). */
public class TooLargeException extends RefusedException {

    public TooLargeException(String message) {
        super(message);
    }

    public TooLargeException(Refusal refusal) {
        super(refusal);
    }
}
