package cn.xianfeng.dossier.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Documents.IssueContext;
import cn.xianfeng.evidence.Pdf;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Writes a dossier: cover, timeline, each step's form data under its Chinese labels, attachments (images as they
 * are, PDFs as images of their pages so that every page keeps the footer and PDF/A holds), audit events with
 * hashes and the chain's verification.
 */
public final class DossierWriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<String, String> STATUS = Map.of("ACTIVE", "办理中", "COMPLETED", "已办结",
            "CANCELLED", "已撤销", "REJECTED", "未通过");
    private static final Map<String, String> BROKEN = Map.of("hash mismatch", "哈希不符", "data digest mismatch", "数据摘要不符",
            "sequence gap", "序号缺失", "sequence out of order", "序号错乱", "previous hash mismatch", "前序哈希不符",
            "head mismatch", "链头不符", "anchor mismatch", "锚定不符");

    /** The media types whose files the attachments section shows (images as they are, PDFs as images of pages). */
    public static final java.util.Set<String> SHOWN_TYPES = java.util.Arrays.stream(cn.xianfeng.evidence.FileType.values())
            .map(cn.xianfeng.evidence.FileType::mediaType).filter(AttachmentPages::shown)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final CaseView view;
    private final String orgName;
    private final List<AuditEvent> events;
    private final AuditVerification verification;
    private final List<Attachment> attachments;
    private final AttachmentContents content;
    private final BiFunction<String, String, FormDefinition> formOf;
    private final BiFunction<String, String, String> stepName;
    private final Function<String, String> personName;
    private final ZoneId zone;
    private final Labels labels;

    public DossierWriter(CaseView view, String orgName, List<AuditEvent> events, AuditVerification verification,
                         List<Attachment> attachments, AttachmentContents content,
                         BiFunction<String, String, FormDefinition> formOf, BiFunction<String, String, String> stepName,
                         Function<String, String> personName, Function<String, String> orgNameOf, ZoneId zone) {
        this.view = view;
        this.orgName = orgName;
        this.events = events;
        this.verification = verification;
        this.attachments = attachments;
        this.content = content;
        this.formOf = formOf;
        this.stepName = stepName;
        this.personName = personName;
        this.zone = zone;
        Map<String, String> files = new java.util.HashMap<>();
        attachments.forEach(a -> files.put(a.id(), a.name()));
        this.labels = new Labels(u -> {
            String shown = personName.apply(u);
            return shown.equals(u) ? null : shown;
        }, orgNameOf, files::get);
    }

    public void write(IssueContext ctx) {
        Pdf pdf = ctx.pdf();
        cover(pdf, ctx.code());
        timeline(pdf);
        formData(pdf);
        new AttachmentPages(attachments, content, this::at).write(pdf);
        auditEvents(pdf);
    }

    private void cover(Pdf pdf, String code) {
        pdf.space().space().title("案    卷").centered(view.processName()).space();
        pdf.facts(List.of(new String[]{"事项", view.subject() == null ? "—" : view.subject()},
                new String[]{"流程", view.processName()},
                new String[]{"所属组织", orgName},
                new String[]{"状态", STATUS.getOrDefault(view.status().name(), "—")},
                new String[]{"发起人", personName.apply(view.starter())},
                new String[]{"发起时间", at(view.startedAt())},
                new String[]{"结束时间", at(view.endedAt())},
                new String[]{"验证码", code}));
        pdf.small("本案卷由先锋系统生成，符合 PDF/A-2b，并以本组织的密钥数字签名；验证码可在核验地址查询，签名与哈希可离线核验。");
    }

    private void timeline(Pdf pdf) {
        pdf.newPage().heading("一、办理过程");
        List<String[]> rows = new ArrayList<>();
        for (AuditEvent e : events) {
            FormDefinition form = e.stepId() == null ? null : formOf.apply(view.process(), e.stepId());
            Object decision = e.data() == null ? null : e.data().get("decision");
            rows.add(new String[]{at(e.at()), step(e), personName.apply(e.actor()), Labels.action(e.action()),
                    decision == null ? "" : labels.value(form, "decision", decision),
                    e.comment() == null ? "" : e.comment()});
        }
        pdf.table(new String[]{"时间", "环节", "办理人", "操作", "决定", "意见"}, rows,
                new float[]{2.2f, 2.2f, 2f, 1.6f, 1.4f, 3f});
    }

    private void formData(Pdf pdf) {
        pdf.heading("二、各环节表单数据");
        for (AuditEvent e : events) {
            boolean start = "CASE_STARTED".equals(e.action());
            if (!start && !"TASK_COMPLETED".equals(e.action()) || e.data() == null || e.data().isEmpty()) {
                continue;
            }
            FormDefinition form = formOf.apply(view.process(), start ? null : e.stepId());
            pdf.paragraph((start ? "发起" : step(e)) + " · " + at(e.at()) + " · " + personName.apply(e.actor()));
            pdf.facts(labels.facts(form, e.data()));
        }
    }

    private void auditEvents(Pdf pdf) {
        pdf.newPage().heading("四、审计记录（哈希链）");
        List<String[]> rows = new ArrayList<>();
        for (AuditEvent e : events) {
            rows.add(new String[]{String.valueOf(e.seq()), at(e.at()), personName.apply(e.actor()), Labels.action(e.action()),
                    "哈希 " + e.hash() + "\n前一 " + e.prevHash()});
        }
        pdf.table(new String[]{"序号", "时间", "操作人", "操作", "哈希（SHA-256）"}, rows,
                new float[]{0.8f, 2f, 1.5f, 2f, 6f});
        pdf.paragraph(verification.valid()
                ? "审计链校验：通过（本案共 " + verification.events() + " 条记录，哈希连续且与链头一致）。"
                : "审计链校验：未通过 —— 第 " + verification.firstBroken().id() + " 号记录："
                  + BROKEN.getOrDefault(verification.firstBroken().reason(), "记录与哈希链不符") + "。");
    }

    private String step(AuditEvent e) {
        if (e.stepId() == null) {
            return "";
        }
        String name = stepName.apply(view.process(), e.stepId());
        // a step the current model no longer has is named by its id: not something to print
        return name == null || name.equals(e.stepId()) ? "（已调整的环节）" : name;
    }

    String at(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }
}
