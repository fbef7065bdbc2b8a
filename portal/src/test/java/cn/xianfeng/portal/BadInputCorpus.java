package cn.xianfeng.portal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile requests: each JSON endpoint's fields replaced one at a time by every hostile value, broken JSON
 * documents, hostile uploads; then seeded random pairs of hostile fields until the requested count is reached.
 */
final class BadInputCorpus {

    /** method, path, who, the JSON fields of a valid body (values as JSON), the form fields under "data". */
    record Target(String method, String path, String user, Map<String, String> fields, Map<String, String> data) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("POST", "/api/cases", "zhaoliu", fields("process", "\"report\"", "subject", "\"报告\""),
                    fields("title", "\"学习\"", "content", "\"内容\"", "reportDate", "\"2020-01-02\"")),
            new Target("POST", "/api/tasks/{task}/complete", "zhangsan", fields("comment", "\"同意\""),
                    fields("decision", "\"REJECT\"", "reason", "\"理由\"")),
            new Target("POST", "/api/tasks/{task}/comments", "zhangsan", fields("text", "\"评论\""), null),
            new Target("POST", "/api/tasks/{task}/transfer", "zhangsan", fields("to", "\"lisi\"", "reason", "\"出差\""), null),
            new Target("POST", "/api/tasks/{task}/delegate", "zhangsan", fields("to", "\"lisi\"", "reason", "\"请代办\""), null),
            new Target("POST", "/api/tasks/{task}/add-signers", "zhangsan", fields("users", "[\"lisi\"]", "position",
                    "\"BEFORE\"", "reason", "\"请把关\""), null),
            new Target("POST", "/api/tasks/{task}/remove-signer", "zhangsan", fields("user", "\"lisi\"", "reason", "\"不必\""), null),
            new Target("POST", "/api/cases/{case}/cancel", "zhaoliu", fields("reason", "\"填错了\""), null),
            new Target("POST", "/api/cases/{case}/comments", "zhaoliu", fields("text", "\"评论\""), null),
            new Target("POST", "/api/tasks/{task}/return", "zhangsan", fields("toStepId", "\"start\"", "reason", "\"退回\""), null),
            new Target("POST", "/api/tasks/{task}/remind", "zhaoliu", fields("message", "\"请尽快\""), null),
            new Target("POST", "/api/tasks/{task}/resolve", "zhangsan", fields("comment", "\"已处理\""), null),
            new Target("POST", "/api/cases/{case}/withdraw", "zhaoliu", fields("reason", "\"填错了\""), null),
            new Target("POST", "/api/cases/{case}/copies", "zhangsan", fields("to", "\"lisi\"", "note", "\"请阅\""), null),
            new Target("POST", "/api/meetings/{case}/attendance", "zhaoliu", fields("attending", "false", "reason", "\"出差\""), null),
            new Target("POST", "/api/cases/{case}/amendments", "zhangsan", fields("reason", "\"更正\"", "text", "\"内容\""), null),
            new Target("POST", "/api/orgs", "heming", fields("code", "\"C01-T1-B1\"", "name", "\"支部\"", "type",
                    "\"BRANCH\"", "parentCode", "\"C01-T1\""), null),
            new Target("POST", "/api/people", "heming", fields("username", "\"zhaoliu\"", "name", "\"张\"", "birthDate",
                    "\"1980-01-01\"", "orgCode", "\"C01-T1-B1\"", "status", "\"FULL\"", "joinedDate", "\"2005-07-01\"",
                    "password", "\"password-1234\""), null),
            new Target("POST", "/api/people/zhaoliu/roles", "heming", fields("role", "\"NOSUCHROLE\"", "orgCode", "\"C01-T1-B1\""), null),
            new Target("POST", "/api/admin/clock", "heming", fields("now", "\"2020-01-01T00:00:00Z\""), null),
            new Target("POST", "/api/public/complaints", null, fields("category", "\"OTHER\"", "title", "\"标题\"",
                    "content", "\"内容\"", "location", "\"地点\"", "anonymous", "true", "contactName", "\"某\"",
                    "contactPhone", "\"13800000000\""), null),
            new Target("POST", "/api/public/complaints/NOSUCH1/evaluation", null, fields("rating", "\"SATISFIED\"",
                    "comment", "\"好\""), null),
            new Target("POST", "/api/dues/payments", "lisi", fields("username", "\"zhaoliu\"", "months", "[\"2020-01\"]",
                    "amountFen", "1900", "paidOn", "\"2020-01-05\""), null),
            new Target("PUT", "/api/dues/members/zhaoliu/base", "zhangsan", fields("category", "\"RETIREE\"",
                    "monthlyBaseFen", "380000", "from", "\"2000-01\""), null));

    static final List<String> HOSTILE = List.of("true", "[]", "{}", "0", "-1", "-9223372036854775809",
            "9223372036854775808", "1e400", "-1e400", "3.4028236e38", "NaN", "null", "\"\"", "\" \"",
            "\"\\u0000\\u0007\\u001b[31m\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"' OR 1=1; DROP TABLE person;--\"",
            "\"'); delete from case_record; --\"", "\"<script>alert(1)</script>\"", "\"\\\"><img src=x onerror=alert(1)>\"",
            "\"${jndi:ldap://x/a}\"", "\"#{7*7}[[${7*7}]]\"", "\"2026-02-30\"", "\"99999-01-01\"", "\"0000-00-00\"",
            "\"2026-13-01T25:61:61Z\"", "\"yesterday\"", "\"../../etc/passwd\"", "\"C01\"", "\"%00%0d%0a\"",
            "[\"a\",\"b\"]", "{\"$gt\":\"\"}", "\"\u202e\u0000\"");

    static final List<String> QUERY = List.of("%00", "a%00b", "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "-1", "99999999999999999999", "1e400", "2026-02-30", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "%C0%AE",
            "x".repeat(4000), "%FF%FE", "%25", "%0d%0aSet-Cookie:%20x=1");

    static final List<String> BROKEN = List.of("", "{", "}", "[1,2", "{\"a\":}", "{\"a\" \"b\"}", "nul", "tru",
            "{\"a\":1,}", "\u0000", "{\"a\":\"\\x\"}", "'single'", "<xml/>", "{\"data\":[" , "1".repeat(5000),
            "[".repeat(5000), "{\"a\":".repeat(2000));

    record Attempt(String method, String path, String user, String contentType, byte[] body, String describe,
                   boolean upload) {

        HttpResponse<String> send(int port, String caseId, String taskId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path.replace("{case}", caseId).replace("{task}", taskId)))
                    .header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (user == null) {
                return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            // a signed-in page session with its CSRF token: HTTP Basic would cost a BCrypt check per request
            Session s = SESSIONS.computeIfAbsent(port + user, k -> Session.signIn(port, user));
            return s.http().send(b.header("X-CSRF-TOKEN", s.csrf()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    record Session(HttpClient http, String csrf) {
        static Session signIn(int port, String user) {
            try {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
                String base = "http://127.0.0.1:" + port;
                String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String form = "username=" + user + "&password=" + Fixtures.DEMO + "&_csrf=" + token(login);
                http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                String page = http.send(HttpRequest.newBuilder(URI.create(base + "/tasks")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return new Session(http, token(page));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String token(String html) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
                    .matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the page");
            }
            return m.group(1);
        }
    }

    static final Map<String, Session> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One API call in the user's signed-in session (no BCrypt per request). */
    static HttpResponse<String> inSession(int port, String user, String method, String path, String json)
            throws Exception {
        return new Attempt(method, path, user, "application/json",
                (json == null ? "" : json).getBytes(StandardCharsets.UTF_8), "", false).send(port, "", "");
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static List<Attempt> generate(int atLeast) {
        List<Attempt> all = new ArrayList<>();
        String huge = "\"" + "长".repeat(1000) + "x".repeat(1 << 20) + "\"";
        for (Target t : TARGETS) {
            List<String> keys = new ArrayList<>(t.fields().keySet());
            if (t.data() != null) {
                t.data().keySet().forEach(k -> keys.add("data." + k));
            }
            for (String key : keys) {
                for (String value : HOSTILE) {
                    all.add(json(t, Map.of(key, value)));
                }
            }
            all.add(json(t, Map.of(keys.get(0), huge)));
            for (String broken : BROKEN) {
                all.add(new Attempt(t.method(), t.path(), t.user(), "application/json",
                        broken.getBytes(StandardCharsets.UTF_8), "broken " + abbreviate(broken), false));
            }
            all.add(new Attempt(t.method(), t.path(), t.user(), "text/plain", "x".getBytes(), "text/plain", false));
        }
        all.addAll(BadUploads.attempts());
        for (String path : List.of("/api/tasks?text=", "/api/tasks?scope=", "/api/tasks?size=", "/api/tasks?page=",
                "/api/owed?org=", "/api/admissions?org=", "/api/dashboard?org=", "/api/meetings/compliance?org=",
                "/api/complaints/rates?org=C01&from=", "/api/search?q=", "/api/search?from=", "/api/me/meetings?year=",
                "/api/cases/", "/api/tasks/", "/api/people/", "/api/orgs/", "/api/public/verify/")) {
            for (String value : QUERY) {
                all.add(new Attempt("GET", path + value, path.contains("public") ? null : "zhangsan",
                        "application/json", new byte[0], "query " + value, false));
            }
        }
        Random random = new Random(20261122L);
        while (all.size() < atLeast) {
            Target t = TARGETS.get(random.nextInt(TARGETS.size()));
            List<String> keys = new ArrayList<>(t.fields().keySet());
            if (t.data() != null) {
                t.data().keySet().forEach(k -> keys.add("data." + k));
            }
            Map<String, String> change = new LinkedHashMap<>();
            change.put(keys.get(random.nextInt(keys.size())), HOSTILE.get(random.nextInt(HOSTILE.size())));
            change.put(keys.get(random.nextInt(keys.size())), HOSTILE.get(random.nextInt(HOSTILE.size())));
            all.add(json(t, change));
        }
        return all;
    }

    private static Attempt json(Target t, Map<String, String> change) {
        Map<String, String> top = new LinkedHashMap<>(t.fields());
        Map<String, String> data = t.data() == null ? null : new LinkedHashMap<>(t.data());
        change.forEach((k, v) -> {
            if (k.startsWith("data.")) {
                data.put(k.substring(5), v);
            } else {
                top.put(k, v);
            }
        });
        StringBuilder json = new StringBuilder("{");
        top.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        if (data != null) {
            json.append(",\"data\":{");
            int start = json.length();
            data.forEach((k, v) -> json.append(json.length() > start ? "," : "").append('"').append(k).append("\":").append(v));
            json.append('}');
        }
        json.append('}');
        return new Attempt(t.method(), t.path(), t.user(), "application/json",
                json.toString().getBytes(StandardCharsets.UTF_8), abbreviate(change.toString()), false);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private BadInputCorpus() {
    }
}
