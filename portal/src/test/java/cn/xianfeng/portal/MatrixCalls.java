package cn.xianfeng.portal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Turns a matrix row into one HTTP request: ids filled in, a named body that passes bean validation. */
final class MatrixCalls {

    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("complete", "{\"data\":{\"decision\":\"APPROVE\"}}"),
            Map.entry("comment", "{\"text\":\"矩阵评论\"}"),
            Map.entry("transfer", "{\"to\":\"matrixspare\",\"reason\":\"出差\"}"),
            Map.entry("delegate", "{\"to\":\"matrixspare\",\"reason\":\"请代办\"}"),
            Map.entry("addsigners", "{\"users\":[\"lisi\"],\"position\":\"BEFORE\",\"reason\":\"请把关\"}"),
            Map.entry("removesigner", "{\"user\":\"lisi\",\"reason\":\"不必了\"}"),
            Map.entry("cancel", "{\"reason\":\"填错了\"}"),
            Map.entry("return", "{\"toStepId\":\"review\",\"reason\":\"退回\"}"),
            Map.entry("remind", "{\"message\":\"请尽快\"}"),
            Map.entry("resolve", "{\"comment\":\"已处理\"}"),
            Map.entry("withdraw", "{\"reason\":\"填错了\"}"),
            Map.entry("copy", "{\"to\":\"lisi\",\"note\":\"请阅\"}"),
            Map.entry("attendance", "{\"attending\":false,\"reason\":\"出差\"}"),
            Map.entry("amend", "{\"reason\":\"更正\",\"text\":\"更正内容\"}"),
            Map.entry("start", "{\"process\":\"report\",\"subject\":\"矩阵\",\"data\":{\"title\":\"学习情况\","
                    + "\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}"),
            Map.entry("org", "{\"code\":\"C01-T1-X{uniq}\",\"name\":\"矩阵支部\",\"type\":\"BRANCH\",\"parentCode\":\"C01-T1\"}"),
            Map.entry("person", "{\"username\":\"mx{uniq}\",\"name\":\"矩阵\",\"orgCode\":\"C01-T1-B1\","
                    + "\"status\":\"FULL\",\"password\":\"matrix-password\"}"),
            Map.entry("role", "{\"role\":\"BRANCH_COMMITTEE\",\"orgCode\":\"C01-T1-B1\"}"),
            Map.entry("adminrole", "{\"role\":\"ADMIN\",\"orgCode\":\"C01-T1-B1\"}"),
            Map.entry("copyout", "{\"to\":\"othersec\",\"note\":\"外县\"}"),
            Map.entry("clock", "{\"now\":\"2020-01-01T00:00:00+08:00\"}"),
            Map.entry("intake", "{\"category\":\"OTHER\",\"title\":\"矩阵\",\"content\":\"矩阵投诉内容\",\"anonymous\":true}"),
            Map.entry("evaluation", "{\"rating\":\"SATISFIED\",\"comment\":\"好\"}"),
            Map.entry("puppetorg", "{\"code\":\"C01-T1-B1-P{uniq}\",\"name\":\"傀儡党委\",\"type\":\"COMMITTEE\",\"parentCode\":\"C01-T1-B1\"}"),
            Map.entry("group", "{\"code\":\"C01-T1-B1-G{uniq}\",\"name\":\"矩阵党小组\",\"type\":\"GROUP\",\"parentCode\":\"C01-T1-B1\"}"),
            Map.entry("applicant", "{\"username\":\"ma{uniq}\",\"name\":\"矩阵申请人\",\"orgCode\":\"C01-T1-B1\","
                    + "\"status\":\"APPLICANT\",\"password\":\"matrix-password\"}"),
            Map.entry("reviewerrole", "{\"role\":\"COMMITTEE_REVIEWER\",\"orgCode\":\"C01-T1-B1\"}"),
            Map.entry("pwchange", "{\"currentPassword\":\"not-the-password\",\"newPassword\":\"Matrix-new-pass-1\"}"),
            Map.entry("duesbase", "{\"category\":\"RETIREE\",\"monthlyBaseFen\":380000,\"from\":\"{month}\"}"),
            Map.entry("duesconfirm", "{\"decision\":\"CONFIRM\"}"),
            Map.entry("duesreverse", "{\"reason\":\"矩阵更正\"}"),
            Map.entry("assessment", "{\"score\":80,\"comment\":\"矩阵考核\"}"),
            Map.entry("grades", "{\"grades\":[{\"username\":\"zhaoliu\",\"grade\":\"QUALIFIED\"}]}"),
            Map.entry("empty", "{}"));

    /** -Dxianfeng.matrix.basic=true runs every cell through HTTP Basic instead of a signed-in session. */
    static final boolean BASIC = Boolean.getBoolean("xianfeng.matrix.basic");

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private long uniq = System.nanoTime() % 1_000_000;

    private final String admission;
    private String attachment;

    /** The demo applicant wangwu's admission case, for the admission views. */
    MatrixCalls(int port) throws Exception {
        this.port = port;
        this.admission = Fixtures.field(Browserless.api(port, "GET", "/api/me/admission", "wangwu", Fixtures.DEMO,
                null).body(), "caseId");
    }

    /** The current month as the server's (real) clock has it. */
    static String month() {
        return java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    }

    private String duesPayment;

    /** zhaoliu's first payment of the demo year, found once: the first reversal succeeds, the second is a 409. */
    private String firstDuesPayment() throws Exception {
        if (duesPayment == null) {
            var payments = JSON.readTree(BadInputCorpus.inSession(port, "heming", "GET", "/api/dues/members/zhaoliu",
                    null).body()).get("payments");
            duesPayment = payments.get(payments.size() - 1).get("id").asText();
        }
        return duesPayment;
    }

    /** A valid payment for zhaoliu's next unpaid month, read just before each call. */
    private String nextDues() throws Exception {
        var dues = JSON.readTree(BadInputCorpus.inSession(port, "heming", "GET", "/api/dues/members/zhaoliu", null).body());
        return "{\"username\":\"zhaoliu\",\"months\":[\"" + dues.get("firstUnpaid").asText() + "\"],\"amountFen\":"
                + dues.get("standardFen").asLong() + ",\"paidOn\":\"" + java.time.LocalDate.now(
                java.time.ZoneId.of("Asia/Shanghai")) + "\"}";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    HttpResponse<String> call(AuthorizationMatrixTest.MatrixRow row, String user, String caseId, String taskId)
            throws Exception {
        if (row.path().contains("{attachment}") && attachment == null) {
            attachment = Fixtures.field(Uploads.post(port, "zhaoliu", "/api/cases/" + caseId + "/attachments",
                    "matrix.pdf", Uploads.pdf("matrix")).body(), "id");
        }
        String path = row.path().replace("{attachment}", String.valueOf(attachment)).replace("{case}", caseId).replace("{task}", taskId).replace("{month}", month())
                .replace("{payment}", row.path().contains("{payment}") ? firstDuesPayment() : "")
                .replace("{person}", "zhaoliu").replace("{spare}", "matrixspare").replace("{org}", "C01-T1-B1")
                .replace("{role}", "BRANCH_COMMITTEE").replace("{self}", user == null ? "nobody" : user).replace("{roleorg}", "C01-T1-B1").replace("{admission}", admission)
                .replace("{tracking}", "NOSUCH1").replace("{code}", "NOSUCH1");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        HttpClient client = http;
        if (user != null && BASIC) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + Fixtures.DEMO).getBytes(StandardCharsets.UTF_8)));
        } else if (user != null) {
            // the page session with its CSRF token reaches the same checks without a BCrypt check per call
            BadInputCorpus.Session s = BadInputCorpus.SESSIONS.computeIfAbsent(port + user,
                    k -> BadInputCorpus.Session.signIn(port, user));
            b.header("X-CSRF-TOKEN", s.csrf());
            client = s.http();
        }
        if (row.body().equals("file") || row.body().equals("csv") || row.body().equals("duescsv")) {
            String boundary = "----matrix" + System.nanoTime();
            String name = row.body().equals("file") ? "scan.pdf" : row.body().equals("csv") ? "people.csv" : "dues.csv";
            String content = row.body().equals("file") ? "%PDF-1.4\n%%EOF\n"
                    : row.body().equals("csv") ? "username,name\n" : "username,amountYuan,paidOn\n";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
            b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .method(row.method(), HttpRequest.BodyPublishers.ofString(body));
        } else if (row.body().equals("-")) {
            b.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else if (row.body().equals("duespay")) {
            b.header("Content-Type", "application/json").method(row.method(), HttpRequest.BodyPublishers.ofString(nextDues()));
        } else {
            String json = BODIES.get(row.body());
            if (json == null) {
                throw new IllegalArgumentException("no body named " + row.body());
            }
            b.header("Content-Type", "application/json").method(row.method(),
                    HttpRequest.BodyPublishers.ofString(json.replace("{uniq}", String.valueOf(uniq++))
                            .replace("{month}", month())));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
