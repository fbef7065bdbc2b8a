package cn.xianfeng.workflow;

/** A problem with one submitted field, the message in the requested language. */
public record FieldError(String field, String message) {
}
