package cn.xianfeng.portal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search excerpt as plain-text pieces, the matched ones marked. The index returns HTML (escaped text with
 * {@code <em>} around matches); pages never output it as HTML but take it apart here and print each piece as
 * text, so whatever someone typed into a form cannot become markup, even if an index forgot to escape it.
 */
record Highlighted(List<Piece> pieces) {

    record Piece(String text, boolean marked) {
    }

    private static final Pattern TAG = Pattern.compile("</?em>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);");

    static Highlighted of(String html) {
        List<Piece> pieces = new ArrayList<>();
        if (html == null) {
            return new Highlighted(pieces);
        }
        Matcher tags = TAG.matcher(html);
        int from = 0;
        boolean marked = false;
        while (tags.find()) {
            add(pieces, html.substring(from, tags.start()), marked);
            marked = !tags.group().startsWith("</");
            from = tags.end();
        }
        add(pieces, html.substring(from), marked);
        return new Highlighted(pieces);
    }

    private static void add(List<Piece> pieces, String html, boolean marked) {
        if (!html.isEmpty()) {
            pieces.add(new Piece(unescape(html), marked));
        }
    }

    /** Entities back to characters (Thymeleaf escapes them again); an unknown "&…;" stays as typed. */
    static String unescape(String html) {
        Matcher m = ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String ch = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> codePoint(e);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(ch));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(String e) {
        int cp = e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
        // a lone surrogate or NUL would not survive UTF-8 output intact
        boolean printable = Character.isValidCodePoint(cp) && cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF);
        return printable ? new String(Character.toChars(cp)) : "\uFFFD";
    }
}
