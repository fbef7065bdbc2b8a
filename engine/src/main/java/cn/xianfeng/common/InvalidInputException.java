package cn.xianfeng.common;

import java.util.List;

/** Input refused with every bad field named (400). */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid input" : violations.get(0).field() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public static InvalidInputException of(String field, Refusal message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** {@code refusal}: the message by key, for readers of another language; null where only Chinese exists. */
    public record Violation(String field, String message, Refusal refusal) {

        public Violation(String field, String message) {
            this(field, message, null);
        }

        public Violation(String field, Refusal refusal) {
            this(field, refusal.in(java.util.Locale.ROOT), refusal);
        }

        /** The message in the reader's language. */
        public String message(java.util.Locale locale) {
            return refusal == null ? message : refusal.in(locale);
        }
    }
}
