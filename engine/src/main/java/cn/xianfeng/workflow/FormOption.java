package cn.xianfeng.workflow;

/** One option of a {@code choice} field: the value stored, and its label. */
public record FormOption(String value, LocalizedText label) {
}
