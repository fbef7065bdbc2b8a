package cn.xianfeng.common;

/** The thing does not exist, or the viewer may not know that it exists (404). */
public class NotFoundException extends RefusedException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(Refusal refusal) {
        super(refusal);
    }
}
