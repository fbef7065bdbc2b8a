package cn.xianfeng.portal;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What an error body must never show: a server error, a stack trace, SQL or a driver's words. */
final class Leaks {

    static final Pattern TRACE = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|Exception:|\\.java:\\d+|"
            + "org\\.postgresql|PSQLException|org\\.hibernate|org\\.springframework\\.|org\\.flowable\\.|"
            + "(?i)\\bselect\\b[^\"<]{0,80}\\bfrom\\b|\\binsert into\\b|\\bupdate\\s+\\w+\\s+set\\b|syntax error at");

    private Leaks() {
    }

    static void assertClean(HttpResponse<String> r) {
        assertClean(r, "");
    }

    static void assertClean(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as("%s %s %s: %s", r.request().method(), r.uri(), what,
                r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isLessThan(500);
        assertThat(TRACE.matcher(r.body()).find()).as("%s %s leaks: %s", r.request().method(), r.uri(),
                r.body().length() > 600 ? r.body().substring(0, 600) : r.body()).isFalse();
    }
}
