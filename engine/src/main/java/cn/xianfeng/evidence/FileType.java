package cn.xianfeng.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The accepted kinds of file, recognised by their first bytes rather than by what the client claims;
 * the name's extension must agree, so a script renamed to .png or a polyglot with a wrong name is refused.
 */
public enum FileType {
    PDF("application/pdf", new String[]{"pdf"}),
    PNG("image/png", new String[]{"png"}),
    JPEG("image/jpeg", new String[]{"jpg", "jpeg"}),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", new String[]{"docx"}),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new String[]{"xlsx"});

    private final String mediaType;
    private final String[] extensions;

    FileType(String mediaType, String[] extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<FileType> sniff(byte[] head, String filename) {
        String ext = extension(filename);
        return Arrays.stream(values()).filter(t -> t.matches(head) && Arrays.asList(t.extensions).contains(ext)).findFirst();
    }

    private boolean matches(byte[] b) {
        return switch (this) {
            case PDF -> startsWith(b, "%PDF-".getBytes(StandardCharsets.US_ASCII));
            case PNG -> startsWith(b, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            case JPEG -> startsWith(b, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case DOCX, XLSX -> startsWith(b, new byte[]{'P', 'K', 3, 4});
        };
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
