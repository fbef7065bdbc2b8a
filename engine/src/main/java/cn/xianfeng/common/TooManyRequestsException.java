package cn.xianfeng.common;

/** The same action again too soon: a second reminder today, too many intakes from one address (429). */
public class TooManyRequestsException extends RefusedException {

    public TooManyRequestsException(String message) {
        super(message);
    }

    public TooManyRequestsException(Refusal refusal) {
        super(refusal);
    }
}
