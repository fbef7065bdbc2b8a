package cn.xianfeng.common;

/** The same action again too soon: a second reminder today, too many intakes from one address (429). */
public class TooManyRequestsException extends RuntimeException {

    public TooManyRequestsException(String message) {
        super(message);
    }
}
