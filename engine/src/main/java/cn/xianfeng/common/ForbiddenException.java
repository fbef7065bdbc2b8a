package cn.xianfeng.common;

/** The actor is known but holds no role that allows the action (403). */
public class ForbiddenException extends RefusedException {

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(Refusal refusal) {
        super(refusal);
    }
}
