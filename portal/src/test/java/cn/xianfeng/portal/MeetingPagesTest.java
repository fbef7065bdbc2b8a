package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo branch's secretary 张三 plans a committee meeting, 李四 confirms the notice on 我的会议, 张三 records it
 * on the task page with two photos (a multipart upload) and confirms it; the township reviewer's compliance grid
 * then shows the branch as compliant, with the committee meeting held this period.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class MeetingPagesTest {

    static final String DEMO = "demo-2026";
    static final Pattern TASK = Pattern.compile("\"stepId\":\"(record|confirm)\",\"name\":\"[^\"]*\",\"taskId\":\"([^\"]+)\"");

    @LocalServerPort
    int port;

    Browserless as(String user) throws Exception {
        Browserless b = new Browserless(port);
        assertThat(b.login(user, DEMO).statusCode()).isEqualTo(302);
        return b;
    }

    static byte[] png(Color color) throws Exception {
        BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 80, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    String task(String caseId, String step) throws Exception {
        Matcher m = TASK.matcher(Browserless.api(port, "GET", "/api/cases/" + caseId, "zhangsan", DEMO, null).body());
        assertThat(m.find()).as("an open " + step).isTrue();
        assertThat(m.group(1)).isEqualTo(step);
        return m.group(2);
    }

    @Test
    void aSecretaryRecordsAMeetingWithTwoPhotosAndConfirmsItAndTheGridShowsTheBranchCompliant() throws Exception {
        Browserless zhangsan = as("zhangsan");
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).withNano(0);
        assertThat(zhangsan.get("/cases/new?process=meeting-record").body()).contains("plannedAt");
        Map<String, String> plan = new LinkedHashMap<>();
        plan.put("process", "meeting-record");
        plan.put("type", "BRANCH_COMMITTEE");
        plan.put("plannedAt", now.plusHours(1).toString());
        plan.put("place", "城关社区党群服务中心");
        plan.put("host", "zhangsan");
        plan.put("recorder", "lisi");
        plan.put("agenda", "研究本月党员发展和主题党日安排");
        HttpResponse<String> started = zhangsan.post("/cases", plan);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String caseId = started.headers().firstValue("Location").orElseThrow().replaceAll(".*/cases/", "");

        Browserless lisi = as("lisi");
        assertThat(lisi.get("/me/meetings").body()).contains("支委会").contains("确认参会");
        assertThat(lisi.post("/me/meetings/" + caseId + "/attendance", Map.of("attending", "true")).statusCode())
                .isEqualTo(302);

        String record = task(caseId, "record");
        assertThat(zhangsan.get("/tasks/" + record).statusCode()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("meetingDate", now.toLocalDate().toString());
        fields.put("startTime", "09:00");
        fields.put("endTime", "10:30");
        fields.put("place", "城关社区党群服务中心");
        fields.put("host", "zhangsan");
        fields.put("recorder", "lisi");
        fields.put("attendees", "zhangsan, lisi");
        fields.put("agenda", "研究本月党员发展和主题党日安排");
        fields.put("minutes", "支委会研究了本月发展党员工作，确定主题党日开展志愿服务活动。");
        fields.put("resolutions[0].text", "本月主题党日开展社区志愿服务");
        fields.put("resolutions[0].yes", "2");
        fields.put("resolutions[0].no", "0");
        fields.put("resolutions[0].abstain", "0");
        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("会场.png", png(Color.RED));
        photos.put("合影.png", png(Color.BLUE));
        HttpResponse<String> recorded = zhangsan.postFiles("/tasks/" + record, fields, "photos", photos);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);

        String confirm = task(caseId, "confirm");
        zhangsan.get("/tasks/" + confirm);
        assertThat(zhangsan.post("/tasks/" + confirm, Map.of("decision", "APPROVE")).statusCode()).isEqualTo(302);

        String page = zhangsan.get("/meetings/" + caseId).body();
        assertThat(page).contains("已归档").contains("应到 2 人，实到 2 人").contains("本月主题党日开展社区志愿服务")
                .contains("minutes.pdf");
        assertThat(Pattern.compile("<img class=\"thumb\"").matcher(page).results().count()).isEqualTo(2);
        Matcher photo = Pattern.compile("src=\"(/meetings/[^\"]+/files/[^\"]+)\"").matcher(page);
        assertThat(photo.find()).isTrue();
        HttpResponse<String> image = zhangsan.get(photo.group(1));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/minutes.pdf", "zhangsan", DEMO, null).body())
                .startsWith("%PDF");

        String grid = as("chenyi").get("/meetings/compliance?org=C01-T1").body();
        Matcher row = Pattern.compile("data-branch=\"C01-T1-B1\">(.*?)</tr>", Pattern.DOTALL).matcher(grid);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).contains("合规").doesNotContain("未按期")
                .containsPattern("data-type=\"BRANCH_COMMITTEE\" data-status=\"HELD\"")
                .contains("上次：" + now.toLocalDate());
        assertThat(Browserless.api(port, "GET", "/api/meetings/compliance?org=C01-T1", "chenyi", DEMO, null).body())
                .contains("\"code\":\"C01-T1-B1\",\"name\":\"城关社区党支部\",\"compliant\":true");
        // the cell links to the meeting behind it; an earlier period shows the grid as it stood then
        assertThat(row.group(1)).containsPattern("data-type=\"BRANCH_COMMITTEE\"[^>]*>\\s*<div>\\s*<a href=\"/meetings/"
                + caseId + "\"");
        Browserless chenyi = as("chenyi");
        String earlier = chenyi.get("/meetings/compliance?org=C01-T1&period=2001-01").body();
        Matcher then = Pattern.compile("data-branch=\"C01-T1-B1\">(.*?)</tr>", Pattern.DOTALL).matcher(earlier);
        assertThat(then.find()).isTrue();
        assertThat(then.group(1)).doesNotContain("data-status=\"HELD\"").doesNotContain("/meetings/" + caseId);
        assertThat(earlier).contains("截至 2001-01-31 的情况").contains("value=\"2001-01\"");
        HttpResponse<String> bad = chenyi.get("/meetings/compliance?org=C01-T1&period=2026-13");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("期间应为");
        assertThat(chenyi.get("/meetings/compliance?org=C01-T1&period=2999-01").statusCode()).isEqualTo(400);
        assertThat(Browserless.api(port, "GET", "/api/me/meetings", "lisi", DEMO, null).body()).contains(caseId);
    }
}
