package cn.xianfeng.audit;

/** What an auditor read: kept in the read log (not the hash chains, which record what was done to a case). */
public enum ReadKind {
    SEARCH, CASE_VIEWED, DOSSIER_DOWNLOADED, DOCUMENT_DOWNLOADED, ATTACHMENT_DOWNLOADED, CHAIN_VERIFIED, TRAIL_VERIFIED
}
