package cn.xianfeng.common;

/** Upload whose content is not one of the accepted types (415). */
public class UnsupportedTypeException extends RefusedException {

    public UnsupportedTypeException(String message) {
        super(message);
    }

    public UnsupportedTypeException(Refusal refusal) {
        super(refusal);
    }
}
