package cn.xianfeng.workflow;

/** A bad value; the message is already localized. */
final class FormInvalid extends RuntimeException {

    FormInvalid(String message) {
        super(message, null, false, false);
    }
}
