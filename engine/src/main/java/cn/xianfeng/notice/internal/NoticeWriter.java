package cn.xianfeng.notice.internal;

import cn.xianfeng.org.People;
import cn.xianfeng.workflow.TaskEvents.CaseCopied;
import cn.xianfeng.workflow.TaskEvents.TaskDelegated;
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
        notice(e.to(), "DELEGATED", people.get(e.owner()).name() + " 委派您办理「" + e.taskName() + "」", e.caseId(), e.taskId());
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
