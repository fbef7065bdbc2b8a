package cn.xianfeng.notice;

import cn.xianfeng.TestCounty;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.FollowUps;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With SMTP configured, a reminder reaches the owner's mailbox on a real (in-process) SMTP server. */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class NoticeMailTest {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

    @Autowired Cases cases;
    @Autowired FollowUps followUps;
    @Autowired People people;
    @Autowired Orgs orgs;

    @Test
    void aReminderIsMailedToTheOwnerWhoHasAnAddress() throws Exception {
        TestCounty.create(orgs, people);
        people.setEmail("sec1", "sec1@branch.example", "sec1");
        String caseId = cases.start(new StartCase("report", "邮件测试", Map.of("title", "学习情况", "content", "已完成",
                "reportDate", LocalDate.now().minusDays(1).toString())), "member1", Locale.CHINA).id();
        String taskId = cases.view(caseId, "admin").current().get(0).taskId();

        followUps.remind(taskId, "请本周内审核", "member1");

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("sec1@branch.example");
        assertThat(mail.getSubject()).contains("先锋");
        assertThat(mail.getContent().toString()).contains("请本周内审核");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
