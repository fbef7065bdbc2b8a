package cn.xianfeng.notice.internal;

import cn.xianfeng.org.People;
import cn.xianfeng.workflow.TaskEvents.CaseCopied;
import cn.xianfeng.workflow.TaskEvents.CaseCancelled;
import cn.xianfeng.workflow.TaskEvents.SignRequested;
import cn.xianfeng.workflow.TaskEvents.SignerRemoved;
import cn.xianfeng.workflow.TaskEvents.SignersSigned;
import cn.xianfeng.workflow.TaskEvents.SubmissionReturned;
import cn.xianfeng.workflow.TaskEvents.TaskDelegated;
import cn.xianfeng.workflow.TaskEvents.TaskResolved;
import cn.xianfeng.workflow.TaskEvents.TaskReminded;
import cn.xianfeng.workflow.TaskEvents.TaskReturned;
import cn.xianfeng.workflow.TaskEvents.TaskTransferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Turns task events into notices after their transaction committed; mails them when an SMTP server is configured
 * and the person has an address. A failed mail is logged and does not undo the in-app notice.
 */
@Component
class NoticeWriter {

    private static final Logger log = LoggerFactory.getLogger(NoticeWriter.class);

    private final JdbcClient jdbc;
    private final People people;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final String from;

    NoticeWriter(JdbcClient jdbc, People people, ObjectProvider<JavaMailSender> mail, Clock clock,
                 @Value("${xianfeng.mail.from:xianfeng@localhost}") String from) {
        this.jdbc = jdbc;
        this.people = people;
        this.mail = mail;
        this.clock = clock;
        this.from = from;
    }

    @ApplicationModuleListener
    void on(TaskTransferred e) {
        notice(e.to(), "TRANSFERRED", people.get(e.from()).name() + " 将任务「" + e.taskName() + "」转办给您：" + e.reason(),
                e.caseId(), e.taskId());
    }

    @ApplicationModuleListener
    void on(TaskDelegated e) {
        notice(e.to(), "DELEGATED", name(e.owner()) + " 委派您办理「" + e.taskName() + "」" + suffix(e.reason())
                + "。办完后请填写意见「办完交回」", e.caseId(), e.taskId());
    }

    @ApplicationModuleListener
    void on(TaskResolved e) {
        if (e.owner() != null) {
            notice(e.owner(), "RESOLVED", name(e.delegate()) + " 已办完交回「" + e.taskName() + "」，请您办理"
                    + suffix(e.comment()), e.caseId(), e.taskId());
        }
    }

    @ApplicationModuleListener
    void on(SignRequested e) {
        String when = switch (e.position()) {
            case BEFORE -> "（在其办理之前）";
            case AFTER -> "（其已提交，待您签署后生效）";
            case PARALLEL -> "（与其同时办理）";
        };
        notice(e.to(), "SIGN_REQUESTED", name(e.by()) + " 请您加签「" + e.taskName() + "」" + when + suffix(e.reason()),
                e.caseId(), e.taskId());
    }

    @ApplicationModuleListener
    void on(SignerRemoved e) {
        notice(e.signer(), "SIGNER_REMOVED", name(e.by()) + " 已取消您对「" + e.taskName() + "」的加签" + suffix(e.reason()),
                e.caseId(), null);
    }

    @ApplicationModuleListener
    void on(SignersSigned e) {
        if (e.owner() != null) {
            notice(e.owner(), "SIGNERS_SIGNED", "加签人已全部签署「" + e.taskName() + "」，请您办理", e.caseId(), e.taskId());
        }
    }

    @ApplicationModuleListener
    void on(SubmissionReturned e) {
        String who = "system".equals(e.by()) ? "办理规则不允许" : name(e.by()) + " 不同意";
        notice(e.owner(), "SUBMISSION_RETURNED", "您对「" + e.taskName() + "」的提交未生效：" + who + suffix(e.reason())
                + "，请重新办理", e.caseId(), e.taskId());
    }

    @ApplicationModuleListener
    void on(CaseCancelled e) {
        String text = name(e.by()) + " 已撤销「" + e.subject() + "」" + suffix(e.reason());
        e.recipients().forEach(r -> notice(r, "CANCELLED", text, e.caseId(), null));
    }

    private String name(String username) {
        return people.find(username).map(cn.xianfeng.org.Person::name).orElse(username);
    }

    private static String suffix(String text) {
        return text == null || text.isBlank() ? "" : "：" + text;
    }

    @ApplicationModuleListener
    void on(TaskReturned e) {
        if (e.to() != null) {
            notice(e.to(), "RETURNED", "「" + e.taskName() + "」被退回，请重新办理：" + e.reason(), e.caseId(), null);
        }
    }

    @ApplicationModuleListener
    void on(TaskReminded e) {
        String text = people.get(e.by()).name() + " 催办「" + e.taskName() + "」" + (e.message() == null ? "" : "：" + e.message());
        e.recipients().forEach(r -> notice(r, "REMINDED", text, e.caseId(), e.taskId()));
    }

    @ApplicationModuleListener
    void on(CaseCopied e) {
        notice(e.to(), "COPIED", people.get(e.by()).name() + " 抄送给您：「" + e.subject() + "」"
                + (e.note() == null ? "" : " " + e.note()), e.caseId(), null);
    }

    void notice(String username, String kind, String text, String caseId, String taskId) {
        String clipped = text.length() > 500 ? text.substring(0, 499) + "…" : text;
        jdbc.sql("insert into notice (username, kind, text, case_id, task_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(username, kind, clipped, caseId, taskId, Timestamp.from(clock.instant())).update();
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return;
        }
        people.email(username).ifPresent(address -> {
            SimpleMailMessage m = new SimpleMailMessage();
            m.setFrom(from);
            m.setTo(address);
            m.setSubject("【先锋】" + clipped.substring(0, Math.min(clipped.length(), 40)));
            m.setText(clipped + "\n\n请登录先锋党务工作流办理。");
            try {
                sender.send(m);
            } catch (MailException ex) {
                log.warn("notice mail to {} failed: {}", username, ex.getMessage());
            }
        });
    }
}
