package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-bounds part of BadInputTest for spreadsheets and JSON (issue 14, items 8 and 10; the documents part,
 * pages and images, is elsewhere). Real bombs over HTTP: a 3 MB .xlsx whose sheet inflates to 240 MB (the review's
 * 6 MB/240 MB, at a ratio POI's own zip-bomb check lets through), bloated shared strings and content types, too many
 * rows, columns, a giant CSV line; JSON nested 100,000 deep, 3 MB long, with a 1.5 MB string, a 5,000-digit number,
 * a year of nine digits. Each is refused cleanly (400/403/413, never 5xx), quickly, nothing is stored, and the
 * process's resident memory stays within 250 MB of where it started (and below -Xmx + 300 MB) — sampled every
 * 20 ms while the requests run.
 */
@TrustPortalTest
class SpreadsheetAndJsonBoundsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = "username,name,birthDate,orgCode,status,joinedDate,password";
    static final AtomicLong PEAK = new AtomicLong();
    static volatile boolean sampling;
    static Thread sampler;
    static long rssBefore;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    /** From the first test on, once the portal (this JVM) is up and has served requests. */
    @BeforeEach
    void sampleMemory() throws Exception {
        if (sampler != null) {
            return;
        }
        assertThat(Browserless.api(port, "GET", "/api/me", "zhangsan", Fixtures.DEMO, null).statusCode()).isEqualTo(200);
        System.gc();
        rssBefore = rss();
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                PEAK.accumulateAndGet(rss(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @AfterAll
    static void memoryStayedBounded() throws InterruptedException {
        sampling = false;
        sampler.join();
        long grown = PEAK.get() - rssBefore;
        System.out.printf("SpreadsheetAndJsonBoundsTest: RSS %d MB before, peak %d MB, -Xmx %d MB%n", rssBefore >> 20,
                PEAK.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        assertThat(grown).as("RSS grew by %d MB (from %d MB)", grown >> 20, rssBefore >> 20).isLessThan(250L << 20);
        assertThat(PEAK.get()).isLessThan(Runtime.getRuntime().maxMemory() + (300L << 20));
    }

    @Test
    void theReviewsSpreadsheetBombIsRefusedBeforeItIsInflated() throws Exception {
        Path bomb = xlsx(sheetOf(240L << 20), null, null);
        assertThat(Files.size(bomb)).as("compressed").isLessThan(10 << 20);
        long started = System.nanoTime();
        HttpResponse<String> r = upload("admin", "bomb.xlsx", bomb);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("压缩炸弹");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(jdbc.sql("select count(*) from person where username like 'bomb%'").query(Long.class).single()).isZero();

        long member = System.nanoTime();
        assertThat(upload("zhaoliu", "bomb.xlsx", bomb).statusCode()).as("who may import is asked first").isEqualTo(403);
        assertThat(upload("zhangsan", "bomb.xlsx", bomb).statusCode()).isEqualTo(403);
        assertThat(Duration.ofNanos(System.nanoTime() - member)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void otherSpreadsheetBombsAndShapesAreRefused() throws Exception {
        HttpResponse<String> strings = upload("admin", "strings.xlsx", xlsx(smallSheet(), repeated("<sst xmlns=\"http://"
                + "schemas.openxmlformats.org/spreadsheetml/2006/main\">", "<si><t>重复的字符串重复的字符串</t></si>", 2_000_000,
                "</sst>"), null));
        assertThat(strings.statusCode()).as("shared strings of ~80 MB").isEqualTo(413);
        HttpResponse<String> types = upload("admin", "types.xlsx", xlsx(smallSheet(), null,
                repeated("<!--", " ".repeat(1024), 50 * 1024, "-->")));
        assertThat(types.statusCode()).as("50 MB of content types, which POI would read into a DOM tree").isEqualTo(413);

        StringBuilder wide = new StringBuilder("<row r=\"1\">");
        wide.append("<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        assertThat(upload("admin", "wide.xlsx", xlsx(sheetXml(wide.toString()), null, null)).statusCode())
                .as("a cell in column 16384").isEqualTo(400);
        StringBuilder tall = new StringBuilder();
        for (int i = 1; i <= 5_002; i++) {
            tall.append("<row r=\"").append(i).append("\"><c r=\"A").append(i).append("\" t=\"inlineStr\"><is><t>u")
                    .append(i).append("</t></is></c></row>");
        }
        HttpResponse<String> rows = upload("admin", "tall.xlsx", xlsx(sheetXml(tall.toString()), null, null));
        assertThat(rows.statusCode()).isEqualTo(400);
        assertThat(rows.body()).contains("5000");
        assertThat(upload("admin", "long.xlsx", xlsx(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                + "长".repeat(5_000) + "</t></is></c></row>"), null, null)).statusCode()).as("a 5,000-character cell")
                .isEqualTo(400);
        assertThat(upload("admin", "junk.xlsx", repeated("", "not a zip at all", 1, "")).statusCode()).isEqualTo(400);

        assertThat(upload("admin", "line.csv", repeated(HEADER + "\n", "x".repeat(1024), 9 * 1024, "")).statusCode())
                .as("a 9 MB line").isEqualTo(400);
        assertThat(upload("admin", "big.csv", repeated(HEADER + "\n", ("y".repeat(800) + ",").repeat(4) + "\n", 4_000, ""))
                .statusCode()).as("12.8 MB in 4,000 rows, over the import's 10 MB").isEqualTo(413);
        assertThat(upload("admin", "rows.csv", repeated(HEADER + "\n", "a,b,,C01,APPLICANT,,pw\n", 6_000, ""))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aRealSpreadsheetStillImports() throws Exception {
        Path book = Files.createTempFile("people", ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); var out = Files.newOutputStream(book)) {
            Sheet sheet = wb.createSheet("人员");
            String[] header = HEADER.split(",");
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("xlsx-import-1");
            r.createCell(1).setCellValue("导入党员");
            r.createCell(2).setCellValue(LocalDate.of(1985, 6, 1));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue("C01-T1-B1");
            r.createCell(4).setCellValue("FULL");
            r.createCell(6).setCellValue("Imported-pass-1");
            wb.write(out);
        }
        HttpResponse<String> r = upload("yangfan", "people.xlsx", book);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(1);
        assertThat(jdbc.sql("select birth_date::text || ' ' || status from person where username = 'xlsx-import-1'")
                .query(String.class).single()).isEqualTo("1985-06-01 FULL");
        assertThat(jdbc.sql("select action from audit_event where data->>'username' = 'xlsx-import-1'")
                .query(String.class).list()).as("an import registers existing members").containsExactly("MEMBER_REGISTERED");
    }

    @Test
    void deepHugeAndStrangeJsonIsRefusedCleanly() throws Exception {
        String deep = "{\"process\":\"report\",\"data\":{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        assertProblem(json("POST", "/api/cases", deep), 400);
        String huge = "{\"process\":\"report\",\"subject\":\"" + "长".repeat(1 << 20) + "\"}";
        assertProblem(json("POST", "/api/cases", huge), 413);
        String longString = "{\"process\":\"report\",\"subject\":\"" + "x".repeat(1_500_000) + "\"}";
        assertProblem(json("POST", "/api/cases", longString), 400);
        String longNumber = "{\"process\":\"report\",\"data\":{\"n\":" + "9".repeat(5_000) + "}}";
        assertProblem(json("POST", "/api/cases", longNumber), 400);
        StringBuilder keys = new StringBuilder("{\"process\":\"report\",\"data\":{");
        for (int i = 0; i < 100_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        assertProblem(json("POST", "/api/cases", keys.append("}}").toString()), 400);
        HttpResponse<String> year = json("POST", "/api/people", "{\"username\":\"nine-digit-year\",\"name\":\"年份\","
                + "\"orgCode\":\"C01-T1-B1\",\"status\":\"APPLICANT\",\"password\":\"Nine-digits-1\","
                + "\"birthDate\":\"+999999999-12-31\"}");
        assertProblem(year, 400);
        assertThat(JSON.readTree(year.body()).get("errors").findValuesAsText("field")).containsExactly("birthDate");
        assertThat(jdbc.sql("select count(*) from person where username = 'nine-digit-year'").query(Long.class).single())
                .isZero();
    }

    private static void assertProblem(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        Leaks.assertClean(r);
    }

    private HttpResponse<String> json(String method, String path, String body) throws Exception {
        return Browserless.api(port, method, path, "zhangsan", Fixtures.DEMO, body);
    }

    /** A multipart upload streamed from the file (the test keeps no copy of a bomb in memory). */
    private HttpResponse<String> upload(String user, String filename, Path content) throws Exception {
        String boundary = "----bounds" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + Files.size(content) + tail.length;
        String password = "admin".equals(user) ? TrustPortalTest.ADMIN_PASSWORD : Fixtures.DEMO;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                        open(content), new ByteArrayInputStream(tail))))), length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/people/import"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(3)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A temporary file of {@code head}, {@code times} × {@code unit}, {@code tail}, written as it goes. */
    private static Path repeated(String head, String unit, long times, String tail) throws IOException {
        Path file = Files.createTempFile("bounds", ".part");
        file.toFile().deleteOnExit();
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(head);
            for (long i = 0; i < times; i++) {
                out.write(unit);
            }
            out.write(tail);
        }
        return file;
    }

    /** A worksheet of {@code bytes} XML: a header, then rows of 240 Chinese characters and a number each. */
    private static Path sheetOf(long bytes) throws IOException {
        Path file = Files.createTempFile("bomb-sheet", ".xml");
        String pad = "党员信息".repeat(60);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>");
            long written = 0;
            for (int i = 1; written < bytes; i++) {
                String row = "<row r=\"" + i + "\"><c r=\"A" + i + "\" t=\"inlineStr\"><is><t>bomb" + pad + i
                        + "</t></is></c></row>";
                out.write(row);
                written += row.length() + 2L * pad.length();
            }
            out.write("</sheetData></worksheet>");
        }
        return file;
    }

    private static Path smallSheet() throws IOException {
        return sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>username</t></is></c></row>");
    }

    private static Path sheetXml(String rows) throws IOException {
        Path file = Files.createTempFile("sheet", ".xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas."
                + "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>");
        return file;
    }

    /** A minimal, valid .xlsx around the given worksheet; optional shared strings and extra content-types padding. */
    private static Path xlsx(Path sheet, Path sharedStrings, Path contentTypesPadding) throws IOException {
        Path book = Files.createTempFile("bounds", ".xlsx");
        book.toFile().deleteOnExit();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(book))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                    + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                    + "xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + (sharedStrings == null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                    ).getBytes(StandardCharsets.UTF_8));
            if (contentTypesPadding != null) {
                Files.copy(contentTypesPadding, zip);
            }
            zip.write("</Types>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas."
                    + "openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships\"><sheets><sheet name=\"人员\" sheetId=\"1\" r:id=\"rId1\"/>"
                    + "</sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
                    + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type="
                    + "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target="
                    + "\"worksheets/sheet1.xml\"/>" + (sharedStrings == null ? "" : "<Relationship Id=\"rId2\" Type="
                    + "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target="
                    + "\"sharedStrings.xml\"/>") + "</Relationships>");
            if (sharedStrings != null) {
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                Files.copy(sharedStrings, zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Files.copy(sheet, zip);
            zip.closeEntry();
        } finally {
            Files.deleteIfExists(sheet);
            if (sharedStrings != null) {
                Files.deleteIfExists(sharedStrings);
            }
            if (contentTypesPadding != null) {
                Files.deleteIfExists(contentTypesPadding);
            }
        }
        return book;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The resident set of this JVM (the portal runs in it), from /proc. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS");
    }
}
