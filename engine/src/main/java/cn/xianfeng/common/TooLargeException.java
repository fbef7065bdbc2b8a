package cn.xianfeng.common;

/** Upload over the configured limit (413). */
public class TooLargeException extends RuntimeException {

    public TooLargeException(String message) {
        super(message);
    }
}
