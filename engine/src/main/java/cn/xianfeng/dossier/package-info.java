/**
 * Dossiers: one signed PDF/A document per case with everything an auditor takes to a file room — the case, its
 * timeline, every step's form data, attachments, and its audit events with the chain's verification.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.dossier;
