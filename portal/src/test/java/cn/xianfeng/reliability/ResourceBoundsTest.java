package cn.xianfeng.reliability;

import cn.xianfeng.testing.RealServices;
import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's resource bounds, over HTTP against the portal as its own JVM ({@code -Xmx512m}): a member attaches to
 * their own cases the hostile files of the review (a 14,400 pt page, 400 pages, zlib bombs in a content stream and
 * in an image, an image declaring 60,000 × 60,000 pixels) and tries image bombs (PNG and JPEG headers claiming
 * enormous sizes, a real PNG zlib bomb); then the dossiers of three such cases are read in parallel and issued again
 * on request. Every answer is 2xx or a clean 4xx (image bombs: 400 at upload), never 5xx, and the portal's peak RSS
 * ({@code VmHWM}) stays under the heap limit + 300 MB. (Spreadsheet bombs and deep JSON: the import's own tests.)
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
class ResourceBoundsTest {

    static final String ADMIN_PASSWORD = "bounds-test-admin";
    static final long HEAP_MB = 512;

    @Test
    void hostileAttachmentsAndImageBombsCostBoundedMemoryAndNo5xx() throws Exception {
        Database db = RealServices.freshDatabase();
        int port = PortalProcess.freePort();
        List<String> statuses = new ArrayList<>();
        try (PortalProcess portal = start(port, db)) {
            long startedKb = status(portal.pid(), "VmHWM");
            PortalClient member = PortalClient.signIn(port, "sunqi");
            PortalClient secretary = PortalClient.signIn(port, "zhangsan");
            Map<String, byte[]> accepted = Map.of(
                    "huge-page.pdf", Hostile.pdfWithPageSize(14_400, 14_400, 1),
                    "many-pages.pdf", Hostile.pdfWithPageSize(595, 842, 400),
                    "content-bomb.pdf", Hostile.pdfWithFlateBombContent(400L << 20),
                    "image-bomb.pdf", Hostile.pdfWithFlateBombImage(400L << 20),
                    "declared-huge.pdf", Hostile.pdfWithImageDeclared(60_000, 60_000),
                    "big-but-allowed.png", Hostile.pngBomb(6_000, 6_000));
            Map<String, byte[]> refused = Map.of(
                    "claims-huge.png", Hostile.pngHeader(100_000, 100_000),
                    "claims-huge.jpg", Hostile.jpegHeader(65_000, 65_000),
                    "zlib-bomb.png", Hostile.pngBomb(9_000, 9_000));
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> filed = member.fileReport("资源上限测试" + i);
                assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
                String caseId = PortalClient.field(filed.body(), "id");
                cases.add(caseId);
                for (var file : accepted.entrySet()) {
                    HttpResponse<String> r = member.upload("/api/cases/" + caseId + "/attachments", file.getKey(), file.getValue());
                    statuses.add(file.getKey() + " " + r.statusCode());
                    assertThat(r.statusCode()).as(file.getKey() + ": " + r.body()).isEqualTo(201);
                }
                for (var file : refused.entrySet()) {
                    HttpResponse<String> r = member.upload("/api/cases/" + caseId + "/attachments", file.getKey(), file.getValue());
                    statuses.add(file.getKey() + " " + r.statusCode());
                    assertThat(r.statusCode()).as(file.getKey() + ": " + r.body()).isEqualTo(400);
                    assertThat(r.body()).contains("像素超出上限");
                }
            }

            long t = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<HttpResponse<byte[]>>> reads = new ArrayList<>();
            for (String caseId : cases) {
                reads.add(pool.submit(() -> member.bytes("GET", "/api/cases/" + caseId + "/dossier.pdf")));
            }
            List<String> codes = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> f : reads) {
                HttpResponse<byte[]> r = f.get();
                statuses.add("dossier " + r.statusCode());
                assertThat(r.statusCode()).as(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(new String(r.body(), 0, 5)).isEqualTo("%PDF-");
                codes.add(r.headers().firstValue("X-Verification-Code").orElseThrow());
            }
            pool.shutdown();
            long parallelMs = (System.nanoTime() - t) / 1_000_000;

            HttpResponse<byte[]> again = member.bytes("GET", "/api/cases/" + cases.get(0) + "/dossier.pdf");
            assertThat(again.headers().firstValue("X-Verification-Code")).as("unchanged case: the stored dossier")
                    .hasValue(codes.get(0));
            HttpResponse<byte[]> refusedIssue = member.bytes("POST", "/api/cases/" + cases.get(0) + "/dossier");
            assertThat(refusedIssue.statusCode()).as("a member may not issue").isEqualTo(403);
            HttpResponse<byte[]> issued = secretary.bytes("POST", "/api/cases/" + cases.get(0) + "/dossier");
            statuses.add("issue " + issued.statusCode());
            assertThat(issued.statusCode()).isEqualTo(201);

            long peakKb = status(portal.pid(), "VmHWM");
            long nowKb = status(portal.pid(), "VmRSS");
            System.out.printf("resource bounds: peak RSS %d MB after start, %d MB after the hostile load (now %d MB); "
                            + "3 dossiers in parallel in %d ms; answers %s%n", startedKb / 1024, peakKb / 1024,
                    nowKb / 1024, parallelMs, statuses);
            assertThat(peakKb / 1024).as("peak RSS (MB) under -Xmx%dm + 300 MB", HEAP_MB).isLessThan(HEAP_MB + 300);
        }
        assertThat(statuses).noneMatch(s -> s.endsWith(" 500") || s.matches(".* 5\\d\\d"));
    }

    private static long status(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private static PortalProcess start(int port, Database db) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", db.username());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("XIANFENG_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("XIANFENG_DEMO", "true");
        env.put("XIANFENG_DATA_DIR", Path.of("target", "bounds-test", "data").toAbsolutePath().toString());
        return PortalProcess.start(port, env, List.of(), Path.of("target", "bounds-test", "portal.log"));
    }
}
