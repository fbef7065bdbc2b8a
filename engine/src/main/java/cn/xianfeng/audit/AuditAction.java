package cn.xianfeng.audit;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What an audit event says happened. The stored value is the constant's name, which the event's hash covers, so a
 * constant is never renamed; events recorded before a constant existed keep their stored text and read as
 * {@link #labelOf(String, Locale) another action}. Labels (zh-CN default, en) live in
 * {@code messages/audit.properties} and {@code messages/audit_en.properties}, the one source for pages, documents,
 * search facets and exports.
 */
public enum AuditAction {
    CASE_STARTED, CASE_COPIED, CASE_CANCELLED, COMMENTED,
    TASK_CLAIMED, TASK_UNCLAIMED, TASK_COMPLETED, TASK_TRANSFERRED, TASK_DELEGATED, TASK_RESOLVED, TASK_RETURNED,
    TASK_WITHDRAWN, TASK_REMINDED, TASK_SIGNED, SIGNERS_ADDED, SIGNER_REMOVED, SUBMISSION_HELD, SUBMISSION_RETURNED,
    ESCALATED, ATTACHMENT_ADDED, DOCUMENT_ISSUED, DOCUMENT_VOIDED, HISTORY_ARCHIVED,
    MEETING_NOTIFIED, MEETING_ATTENDANCE, MEETING_ARCHIVED, MEETING_AMENDED,
    ORG_CREATED, PERSON_CREATED, MEMBER_REGISTERED, PERSON_UPDATED, PERSONAL_DATA_VIEWED, ROLE_GRANTED, ROLE_REVOKED,
    MEMBER_MOVED, LOGIN_FAILED, PASSWORD_CHANGED, PASSWORD_RESET,
    DUES_BASE_DECLARED, DUES_BASE_CONFIRMED, DUES_BASE_REJECTED, DUES_URGED, DUES_PAID, DUES_PAYMENT_REVERSED,
    POINTS_DUES_MONTH_CLOSED, POINTS_REBUILT,
    POINTS_CLAIM_CONFIRMED, THOUGHT_REPORT_SUBMITTED, POINTS_BRANCH_ASSESSED, POINTS_APPRAISAL_RECORDED;

    /** The labels' bundle (zh-CN in the base file, English in {@code _en}). */
    public static final String BUNDLE = "messages/audit";
    private static final String OTHER = "action.other";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The label people read, in English for an English locale and in Chinese otherwise. */
    public String label(Locale locale) {
        return bundle(locale).getString("action." + name());
    }

    /** A stored action's label; an action this version does not know (an older record) reads as another action. */
    public static String labelOf(String stored, Locale locale) {
        AuditAction known = find(stored);
        return known != null ? known.label(locale) : bundle(locale).getString(OTHER);
    }

    /** The constant a stored action names, or null. */
    public static AuditAction find(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return valueOf(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        try {
            return ResourceBundle.getBundle(BUNDLE, english ? Locale.ENGLISH : Locale.ROOT,
                    AuditAction.class.getClassLoader(), NO_FALLBACK);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the audit action labels are missing from the classpath", e);
        }
    }
}
