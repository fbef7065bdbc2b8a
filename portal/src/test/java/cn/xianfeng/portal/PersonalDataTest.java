package cn.xianfeng.portal;

import cn.xianfeng.org.PeopleImport;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resident ID numbers and mobile phones of people: masked in every list, page, export and log line; in full only
 * to the person and to an ADMIN/ORG_DEPARTMENT above them on the single-person view, and then audited. The demo
 * people carry made-up numbers (region 990000, phones 1380000xxxx).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTest {

    static final String DEMO = "demo-2026";
    /** A full ID number (18 characters, X allowed last) or a full mobile number, not part of a longer run. */
    static final Pattern FULL = Pattern.compile("(?<![0-9A-Za-z])([0-9]{17}[0-9X]|1[3-9][0-9]{9})(?![0-9A-Za-z])");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired PeopleImport importer;

    HttpResponse<String> api(String user, String method, String path, String json) throws Exception {
        return Browserless.api(port, method, path, user, DEMO, json);
    }

    String full(String username, String column) {
        return jdbc.sql("select " + column + " from person where username = ?").param(username)
                .query(String.class).single();
    }

    long viewed(String actor) {
        return jdbc.sql("select count(*) from audit_event where action = 'PERSONAL_DATA_VIEWED' and actor = ?")
                .param(actor).query(Long.class).single();
    }

    @Test
    void listsShowMaskedValuesTheDetailShowsThemOnlyToTheirOwnerAndOfficersAbove() throws Exception {
        String id = full("zhaoliu", "id_number");
        String phone = full("zhaoliu", "phone");
        assertThat(id).startsWith("990000").hasSize(18);
        assertThat(phone).startsWith("1380000");

        String list = api("heming", "GET", "/api/people?org=C01&size=200", null).body();
        assertThat(list).contains("\"username\":\"zhaoliu\"").contains(id.substring(0, 6) + "********" + id.substring(14))
                .contains(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(FULL.matcher(list).find()).as("a full number in the list: %s", list).isFalse();

        assertThat(api("zhaoliu", "GET", "/api/me", null).body()).contains(id).contains(phone);
        long before = viewed("yangfan");
        String officer = api("yangfan", "GET", "/api/people/zhaoliu", null).body();
        assertThat(officer).contains(id).contains(phone).contains("\"personalDataFull\":true");
        assertThat(viewed("yangfan")).as("the full read is audited").isEqualTo(before + 1);
        assertThat(jdbc.sql("select data->>'username' from audit_event where action = 'PERSONAL_DATA_VIEWED'"
                + " and actor = 'yangfan' order by id desc limit 1").query(String.class).single()).isEqualTo("zhaoliu");

        for (String viewer : List.of("zhangsan", "huangli", "chenyi")) {
            long mine = viewed(viewer);
            String body = api(viewer, "GET", "/api/people/zhaoliu", null).body();
            assertThat(body).as(viewer).contains("\"personalDataFull\":false").doesNotContain(id).doesNotContain(phone)
                    .contains(id.substring(0, 6) + "********");
            assertThat(viewed(viewer)).as("a masked read is no personal-data view").isEqualTo(mine);
        }
        assertThat(api("wujiu", "GET", "/api/people/zhaoliu", null).statusCode()).isEqualTo(404);
        assertThat(api("wujiu", "GET", "/api/people?org=C01-T1-B1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aBranchSecretarySeesNoFullNumberInAnyListPageOrExport() throws Exception {
        List<String> secrets = jdbc.sql("select id_number from person where id_number is not null union all"
                + " select phone from person where phone is not null").query(String.class).list();
        assertThat(secrets).hasSizeGreaterThan(20);

        StringBuilder seen = new StringBuilder();
        for (String path : List.of("/api/people?org=C01-T1-B1&size=200", "/api/people/zhaoliu", "/api/people/wangwu",
                "/api/owed?org=C01-T1-B1", "/api/tasks?scope=todo&size=200", "/api/admissions?org=C01-T1-B1",
                "/api/search?q=王五")) {
            HttpResponse<String> r = api("zhangsan", "GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            seen.append(r.body());
        }
        Browserless page = new Browserless(port);
        page.login("zhangsan", DEMO);
        for (String path : List.of("/dashboard", "/tasks", "/owed?org=C01-T1-B1", "/admissions?org=C01-T1-B1")) {
            HttpResponse<String> r = page.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            seen.append(r.body());
        }
        seen.append(xlsxText(bytes("zhangsan", "/api/owed.xlsx?org=C01-T1-B1")));
        String admission = api("wangwu", "GET", "/api/me/admission", null).body()
                .replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        byte[] dossier = bytes("zhangsan", "/api/cases/" + admission + "/dossier.pdf");
        try (var pdf = Loader.loadPDF(dossier)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("王五");
            seen.append(text);
        }
        for (String secret : secrets) {
            assertThat(seen.toString()).as("what 张三 sees").doesNotContain(secret);
        }
    }

    @Test
    void anInvalidIdNumberOrPhoneIs400WithTheFieldAndNothingIsWritten() throws Exception {
        String body = """
                {"username":"%s","name":"新党员","orgCode":"C01-T1-B1","status":"APPLICANT","password":"password-1",
                 "idNumber":"%s","phone":"%s"}""";
        String good = "99000019900101001" + cn.xianfeng.org.PersonalData.checkDigit("99000019900101001");
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');

        HttpResponse<String> r = api("heming", "POST", "/api/people", body.formatted("bad-id", badCheck, "13800009999"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"idNumber\"").doesNotContain(badCheck);
        r = api("heming", "POST", "/api/people", body.formatted("bad-phone", good, "12800009999"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"phone\"");
        assertThat(jdbc.sql("select count(*) from person where username in ('bad-id', 'bad-phone')")
                .query(Long.class).single()).isZero();

        r = api("heming", "POST", "/api/people", body.formatted("good-id", good.toLowerCase(), "138-0000-9999"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("990000********" + good.substring(14)).contains("138****9999").doesNotContain(good);
        assertThat(full("good-id", "id_number")).isEqualTo(good);
        assertThat(full("good-id", "phone")).isEqualTo("13800009999");

        String csv = "username,name,birthDate,orgCode,status,joinedDate,password,idNumber,phone\n"
                + "imp-good,导入甲,1990-01-01,C01-T1-B1,APPLICANT,,password-1,%s,13800008888\n".formatted(good)
                + "imp-bad,导入乙,1990-01-01,C01-T1-B1,APPLICANT,,password-1,%s,\n".formatted(badCheck);
        PeopleImport.Report report = importer.importFile("people.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "admin");
        assertThat(report.acceptedUsernames()).containsExactly("imp-good");
        assertThat(report.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.username()).isEqualTo("imp-bad");
            assertThat(rej.reason()).contains("idNumber").doesNotContain(badCheck);
        });
        assertThat(full("imp-good", "phone")).isEqualTo("13800008888");
    }

    @Test
    void logLinesNeverCarryAFullIdNumberOrMobile(CapturedOutput output) {
        String id = "11010519491231002X";
        LoggerFactory.getLogger("cn.xianfeng.privacy-check").warn("登记 id={} 手机 {} 座机 +86 13912345678 流水 {}",
                id, "13800138000", "20261122031718123456");
        LoggerFactory.getLogger("cn.xianfeng.privacy-check").error("导入失败",
                new IllegalStateException("身份证 " + id + " 已存在，联系 15987654321"));

        assertThat(output.getOut()).contains("id=110105********002X").contains("手机 138****8000")
                .contains("+86 139****5678").contains("流水 20261122031718123456")
                .contains("身份证 110105********002X 已存在，联系 159****4321")
                .doesNotContain(id).doesNotContain("13800138000").doesNotContain("15987654321")
                .doesNotContain("13912345678");
    }

    private byte[] bytes(String user, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + DEMO).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static String xlsxText(byte[] xlsx) throws Exception {
        StringBuilder text = new StringBuilder();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(cell).append('\t');
                    }
                }
            }
        }
        assertThat(text).contains("张三");
        return text.toString();
    }
}
