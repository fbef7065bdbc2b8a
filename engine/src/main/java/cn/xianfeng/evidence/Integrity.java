package cn.xianfeng.evidence;

/**
 * Whether an issued document's stored row still agrees with itself and with the audit events that recorded its
 * issue and voiding. Anything but {@code INTACT} means the row was rewritten behind the application's back.
 */
public enum Integrity {
    INTACT("完整", "intact"),
    CONTENT_REWRITTEN("存档文件内容与登记的哈希不符", "the stored file does not match its registered hash"),
    HASH_REWRITTEN("登记的哈希或类别与签发时的审计记录不符", "the registered hash or kind differs from the audit record of its issue"),
    ISSUE_NOT_AUDITED("找不到签发该文件的审计记录", "no audit record of its issue exists"),
    AUDIT_TAMPERED("签发或作废该文件的审计记录已被篡改", "the audit record of its issue or voiding was tampered with"),
    VOID_MISMATCH("作废登记与审计记录不符", "its void entry disagrees with the audit trail");

    private final String zh;
    private final String en;

    Integrity(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String label(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }
}
