package cn.xianfeng.common;

/** Too many requests from one source within a window (429): a public endpoint's abuse limit. */
public class TooManyRequestsException extends RuntimeException {

    public TooManyRequestsException(String message) {
        super(message);
    }
}
