import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import java.io.File;
import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.util.Base64;

/** Before-images of the base commit 58afca8 for issue 16's closing note: applicant diagram, a dossier page, verify. */
public class BeforeShots {
    public static void main(String[] a) throws Exception {
        String base = a[0];
        Path out = Path.of(a[1]);
        Files.createDirectories(out);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=zh-CN");
        ChromeDriver b = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).withEnvironment(java.util.Map.of("XDG_DATA_HOME", "/work/wt/shots/xdg")).build(), o);
        try {
            b.get(base + "/login");
            b.findElement(By.name("username")).sendKeys("wangwu");
            b.findElement(By.name("password")).sendKeys("demo-2026");
            b.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
            Thread.sleep(2000);
            b.get(base + "/me/admission");
            Thread.sleep(4000);
            b.executeScript("var d = document.querySelector('.diagram, #diagram, svg'); if (d) d.scrollIntoView();");
            Thread.sleep(1000);
            Files.copy(b.getScreenshotAs(OutputType.FILE).toPath(), out.resolve("before-diagram-applicant-1366.png"), StandardCopyOption.REPLACE_EXISTING);
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("zhangsan:demo-2026".getBytes());
            String cases = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tasks?scope=todo")).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"caseId\"\\s*:\\s*\"([^\"]+)\"").matcher(cases);
            if (!m.find()) throw new IllegalStateException("no case: " + cases);
            HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/" + m.group(1) + "/dossier.pdf"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
            System.out.println("dossier " + pdf.statusCode() + " " + pdf.headers().map().keySet());
            try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                var r = new org.apache.pdfbox.rendering.PDFRenderer(doc);
                for (int i = 0; i < Math.min(doc.getNumberOfPages(), 3); i++) {
                    javax.imageio.ImageIO.write(r.renderImageWithDPI(i, 72), "png", out.resolve("before-dossier-page-" + (i + 1) + ".png").toFile());
                }
            }
            String code = pdf.headers().firstValue("X-Verification-Code").orElse(pdf.headers().firstValue("X-Document-Code").orElse("UNKNOWN"));
            b.get(base + "/api/public/verify/" + code);
            Thread.sleep(1500);
            System.out.println("verify page text: " + b.findElement(By.tagName("body")).getText().replace('\n', ' '));
            Files.copy(b.getScreenshotAs(OutputType.FILE).toPath(), out.resolve("before-verify-page-1000.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            b.quit();
        }
    }
}
