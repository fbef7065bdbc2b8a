package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dues API over HTTP against the demo county's year of dues (API.md "Dues", fields fixed): a member's dues,
 * payments with their checks and receipts, a statement import, the org view, rates and the year-end workbook,
 * 谁欠谁 and the dashboard with dues, the base declaration, 催缴, and a client's dues month refused by a transfer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.dues.reminder-day=28"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DuesApiTest {

    static final String DEMO = "demo-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpResponse<String> call(String method, String path, String user, String json) throws Exception {
        return Browserless.api(port, method, path, user, DEMO, json);
    }

    JsonNode ok(String method, String path, String user, String json, int status) throws Exception {
        HttpResponse<String> r = call(method, path, user, json);
        assertThat(r.statusCode()).as(method + " " + path + " as " + user + ": " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    static String today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    static YearMonth now() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aMembersDuesCarryTheFixedFieldsAndOnlyTheirOwnAreVisibleToThem() throws Exception {
        JsonNode d = ok("GET", "/api/dues/members/zhaoliu", "zhaoliu", null, 200);
        assertThat(d.get("username").asText()).isEqualTo("zhaoliu");
        assertThat(d.get("category").asText()).isEqualTo("RETIREE");
        assertThat(d.get("monthlyBaseFen").asLong()).isEqualTo(380_000);
        assertThat(d.get("standardFen").asLong()).as("0.5 % of 3,800 yuan").isEqualTo(1_900);
        assertThat(d.get("paidUntil").asText()).matches("\\d{4}-\\d{2}");
        assertThat(d.get("arrearsMonths").asInt()).isGreaterThanOrEqualTo(0);
        JsonNode p = d.get("payments").get(0);
        for (String field : List.of("id", "months", "amountFen", "paidOn", "receiptCode")) {
            assertThat(p.has(field)).as(field).isTrue();
        }
        assertThat(call("GET", "/api/dues/members/zhaoliu", "sunqi", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/dues/members/zhaoliu", "wujiu", null).statusCode()).isEqualTo(404);
        assertThat(ok("GET", "/api/me/dues", "sunqi", null, 200).get("username").asText()).isEqualTo("sunqi");
    }

    @Test
    void aPaymentMustMatchTheStandardAMonthIsPaidOnceAndTheReceiptVerifies() throws Exception {
        JsonNode sunqi = ok("GET", "/api/dues/members/sunqi", "lisi", null, 200);
        String first = sunqi.get("firstUnpaid").asText();
        long standard = sunqi.get("standardFen").asLong();
        HttpResponse<String> wrong = call("POST", "/api/dues/payments", "lisi", pay("sunqi", List.of(first), standard + 1));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("errors").get(0).get("field").asText()).isEqualTo("amountFen");
        HttpResponse<String> fraction = call("POST", "/api/dues/payments", "lisi",
                "{\"username\":\"sunqi\",\"months\":[\"" + first + "\"],\"amountFen\":" + standard + ".5,\"paidOn\":\""
                        + today() + "\"}");
        assertThat(fraction.statusCode()).as("half a fen is refused, not truncated").isEqualTo(400);
        assertThat(call("POST", "/api/dues/payments", "sunqi", pay("sunqi", List.of(first), standard)).statusCode())
                .as("a member records nothing").isEqualTo(403);

        JsonNode created = ok("POST", "/api/dues/payments", "lisi", pay("sunqi", List.of(first), standard), 201);
        String code = created.get("receiptCode").asText();
        assertThat(call("POST", "/api/dues/payments", "zhangsan", pay("sunqi", List.of(first), standard)).statusCode())
                .as("a month paid twice").isEqualTo(409);

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/api/dues/payments/" + created.get("id").asText() + "/receipt.pdf"))
                .header("Authorization", basic("sunqi")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("X-Document-Code")).contains(code);
        JsonNode verified = ok("GET", "/api/public/verify/" + code, null, null, 200);
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("sha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(pdf.body())));
        assertThat(call("GET", "/api/dues/payments/" + created.get("id").asText() + "/receipt.pdf", "zhaoliu", null)
                .statusCode()).as("another member's receipt").isEqualTo(404);
    }

    @Test
    void anImportReportsEveryRowAndTheBadOneStoresNothing() throws Exception {
        JsonNode zhaoliu = ok("GET", "/api/dues/members/zhaoliu", "lisi", null, 200);
        long before = count("zhaoliu");
        String csv = "username,amountYuan,paidOn,months\n"
                + "zhaoliu,0.01," + today() + "," + zhaoliu.get("firstUnpaid").asText() + "\n"
                + "nosuchmember,19," + today() + ",\n"
                + "zhaoliu," + zhaoliu.get("standardFen").asLong() / 100.0 + "," + today() + ",\n";
        JsonNode report = JSON.readTree(upload("/api/dues/payments/import", "lisi", "bank.csv",
                csv.getBytes(StandardCharsets.UTF_8)).body());
        assertThat(report.get("accepted").asInt()).isEqualTo(1);
        List<Integer> rows = new ArrayList<>();
        report.get("rejected").forEach(r -> rows.add(r.get("row").asInt()));
        assertThat(rows).containsExactly(1, 2);
        assertThat(report.get("rejected").get(0).get("reason").asText()).contains("金额");
        assertThat(count("zhaoliu")).as("only the good row stored a payment").isEqualTo(before + 1);
        assertThat(upload("/api/dues/payments/import", "lisi", "bank.txt", "x".getBytes()).statusCode()).isEqualTo(415);
        assertThat(upload("/api/dues/payments/import", "lisi", "bank.csv", new byte[3 * 1024 * 1024]).statusCode())
                .isEqualTo(413);
    }

    @Test
    void theOrgViewRatesWorkbookOwedAndDashboardCarryTheDues() throws Exception {
        JsonNode org = ok("GET", "/api/dues/orgs/C01-T1-B1?month=" + now().minusMonths(1), "zhangsan", null, 200);
        for (String field : List.of("org", "month", "due", "paid", "rate", "members")) {
            assertThat(org.has(field)).as(field).isTrue();
        }
        assertThat(org.get("due").asLong()).isGreaterThanOrEqualTo(org.get("paid").asLong()).isPositive();
        assertThat(org.get("rate").asDouble()).isBetween(0.0, 1.0);
        JsonNode member = org.get("members").get(0);
        for (String field : List.of("username", "name", "standardFen", "arrearsMonths")) {
            assertThat(member.has(field)).as(field).isTrue();
        }
        assertThat(call("GET", "/api/dues/orgs/C01-T1-B1?month=2026-13", "zhangsan", null).statusCode()).isEqualTo(400);
        JsonNode rates = ok("GET", "/api/dues/orgs/C01/rates", "yangfan", null, 200);
        assertThat(rates.get("orgs").get(0).get("months")).hasSize(12);

        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/dues/orgs/C01/report.xlsx")).header("Authorization", basic("yangfan")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheet("收缴率").getRow(0).getCell(0).getStringCellValue()).isEqualTo("组织名称");
            assertThat(book.getSheet("明细").getPhysicalNumberOfRows()).isGreaterThan(12);
            assertThat(book.getSheet("欠缴党员").getPhysicalNumberOfRows()).isGreaterThan(1);
            for (var sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.toString()).as("no org code in the export").doesNotContain("C01");
                    }
                }
            }
        }
        JsonNode owed = ok("GET", "/api/owed?org=C01-T1-B1", "zhangsan", null, 200);
        assertThat(owed.get("people")).isNotNull();
        assertThat(owed.get("dues").get("arrears").toString()).as("arrears are owed by the member").contains("sunqi");
        assertThat(owed.get("dues").get("arrearsTotal").asLong()).as("a branch's few are all listed")
                .isEqualTo(owed.get("dues").get("arrears").size());
        JsonNode dashboard = ok("GET", "/api/dashboard?org=C01", "yangfan", null, 200);
        assertThat(dashboard.get("dues").get("trend")).hasSize(12);
        assertThat(dashboard.get("dues").get("orgs").toString()).contains("城关镇党委");
    }

    @Test
    void aMembersOwnBaseWaitsForTheSecretarysConfirmation() throws Exception {
        HttpResponse<String> bad = call("PUT", "/api/dues/members/lisi/base", "lisi",
                "{\"category\":\"CLERK\",\"monthlyBaseFen\":1.5,\"from\":\"2026-13\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode pending = ok("PUT", "/api/dues/members/lisi/base", "lisi",
                "{\"category\":\"EMPLOYEE\",\"monthlyBaseFen\":500001,\"from\":\"" + now().plusMonths(1) + "\"}", 200);
        assertThat(pending.get("pending").get("standardFen").asLong()).as("1.5 % of 5,000.01 yuan").isEqualTo(7_500);
        assertThat(pending.get("standardFen").asLong()).as("not yet in force").isEqualTo(4_200);
        assertThat(call("POST", "/api/dues/members/lisi/base/decision", "lisi", "{\"decision\":\"CONFIRM\"}")
                .statusCode()).isEqualTo(403);
        JsonNode confirmed = ok("POST", "/api/dues/members/lisi/base/decision", "zhangsan", "{\"decision\":\"CONFIRM\"}", 200);
        assertThat(confirmed.get("pending").isNull()).as("nothing pending (null, present)").isTrue();
        assertThat(confirmed.get("declarations").get(0).get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void urgingNotifiesTheMemberOnceADay() throws Exception {
        ok("POST", "/api/dues/members/wujiu/remind", "wujiu", null, 204);
        assertThat(call("POST", "/api/dues/members/wujiu/remind", "heming", null).statusCode()).isEqualTo(429);
        long until = System.currentTimeMillis() + 120_000;
        String notices = "";
        while (System.currentTimeMillis() < until && !notices.contains("提醒您交纳党费")) {
            notices = call("GET", "/api/notices", "wujiu", null).body();
            Thread.sleep(200);
        }
        assertThat(notices).contains("提醒您交纳党费").contains("欠交");
    }

    @Test
    void aTransferRefusesADuesMonthSentByTheClient() throws Exception {
        HttpResponse<String> r = call("POST", "/api/cases", "zhaoliu", "{\"process\":\"relation-transfer\",\"data\":"
                + "{\"toOrgCode\":\"C01-T1-B2\",\"reason\":\"调动\",\"duesPaidUntil\":\"" + now() + "\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("data.duesPaidUntil");
    }

    @Test
    void theOpenApiDocumentDescribesEveryDuesEndpointWithASummary() throws Exception {
        JsonNode paths = ok("GET", "/v3/api-docs", null, null, 200).get("paths");
        List<String> dues = new ArrayList<>();
        paths.fieldNames().forEachRemaining(p -> {
            if (p.startsWith("/api/dues") || p.equals("/api/me/dues")) {
                dues.add(p);
                paths.get(p).fields().forEachRemaining(op -> assertThat(op.getValue().get("summary")).as(p + " " + op.getKey())
                        .isNotNull());
            }
        });
        assertThat(dues).contains("/api/dues/payments", "/api/dues/payments/import", "/api/dues/members/{username}",
                "/api/dues/members/{username}/base", "/api/dues/orgs/{code}");
    }

    private long count(String username) {
        return jdbc.queryForObject("select count(*) from dues_payment where username = ?", Long.class, username);
    }

    private static String pay(String username, List<String> months, long amountFen) {
        return "{\"username\":\"" + username + "\",\"months\":[" + String.join(",", months.stream().map(m -> "\"" + m + "\"")
                .toList()) + "],\"amountFen\":" + amountFen + ",\"paidOn\":\"" + today() + "\"}";
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + DEMO).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> upload(String path, String user, String filename, byte[] content) throws Exception {
        String boundary = "----dues" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic(user)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
