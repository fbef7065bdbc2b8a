package cn.xianfeng.common;

/** The action contradicts the current state: already completed, claimed by another, duplicate (409). */
public class ConflictException extends RefusedException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(Refusal refusal) {
        super(refusal);
    }
}
