package cn.xianfeng.portal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hostile uploads: path-traversal and control-character names × empty, polyglot, fake and garbage content. */
final class BadUploads {

    static final List<String> NAMES = List.of("../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow",
            "a\u0000.pdf", "<script>alert(1)</script>.pdf", "", ".", "..", "CON", "x".repeat(300) + ".pdf",
            "normal.pdf", "扫描件.png", "evil.pdf\r\nX-Injected: 1");

    static final Map<String, byte[]> CONTENTS = Map.of(
            "empty", new byte[0],
            "pdf-html polyglot", "%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF".getBytes(StandardCharsets.UTF_8),
            "fake png", concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)),
            "html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
            "truncated zip", new byte[]{'P', 'K', 3, 4, 0, 0},
            "encrypted pdf", "%PDF-1.7\n1 0 obj<</Filter/Standard/V 5/R 6>>endobj\ntrailer<</Encrypt 1 0 R>>\n%%EOF"
                    .getBytes(StandardCharsets.UTF_8));

    static List<BadInputCorpus.Attempt> attempts() {
        List<BadInputCorpus.Attempt> all = new ArrayList<>();
        for (String path : List.of("/api/cases/{case}/attachments", "/api/attachments", "/api/dues/payments/import")) {
            for (String name : NAMES) {
                for (var content : CONTENTS.entrySet()) {
                    String boundary = "----bad" + all.size();
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + name + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(content.getValue());
                    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                    all.add(new BadInputCorpus.Attempt("POST", path, "zhangsan",
                            "multipart/form-data; boundary=" + boundary, body.toByteArray(),
                            "upload " + name + " / " + content.getKey(), true));
                }
            }
            all.add(new BadInputCorpus.Attempt("POST", path, "zhangsan", "multipart/form-data; boundary=x",
                    "--x\r\nbroken".getBytes(StandardCharsets.UTF_8), "broken multipart", true));
            all.add(new BadInputCorpus.Attempt("POST", path, "zhangsan", "multipart/form-data",
                    new byte[0], "multipart without boundary", true));
        }
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private BadUploads() {
    }
}
