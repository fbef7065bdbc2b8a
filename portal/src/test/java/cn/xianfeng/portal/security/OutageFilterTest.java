package cn.xianfeng.portal.security;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What escapes every handler: a database outage becomes a 503, anything else goes on to the container. */
class OutageFilterTest {

    @Test
    void anOutageThatEscapesTheHandlersIsA503() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OutageFilter().doFilter(new MockHttpServletRequest("POST", "/login"), response, (req, res) -> {
            throw new ServletException(new CannotCreateTransactionException("no connection",
                    new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        });
        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void anApiCallGetsTheProblemJsonOfTheHandlers() throws Exception {
        // e.g. the session, read from PostgreSQL inside the security filters
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OutageFilter().doFilter(new MockHttpServletRequest("GET", "/api/tasks"), response, (req, res) -> {
            throw new org.springframework.dao.DataAccessResourceFailureException("session",
                    new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"status\":503").contains("请稍后重试");
    }

    /** As seen in OutageTest: the handler began its JSON through the stream, and saving the session on flush failed. */
    @Test
    void anApiCallWhoseBodyWasBegunThroughTheStreamStillGetsTheProblemJson() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OutageFilter().doFilter(new MockHttpServletRequest("POST", "/api/cases"), response, (req, res) -> {
            res.getOutputStream();
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                    new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"status\":503");
    }

    /**
     * As seen in OutageTest's sign-in probe: the page had begun as text/html with a new session's cookie, and saving
     * that session failed. An error dispatch would have answered 500 (its JSON could not be written as text/html).
     */
    @Test
    void aPageWhoseSessionCouldNotBeSavedGetsA503PageWithoutTheUnsavedSessionsCookie() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OutageFilter().doFilter(new MockHttpServletRequest("GET", "/login"), response, (req, res) -> {
            res.setContentType("text/html;charset=UTF-8");
            ((jakarta.servlet.http.HttpServletResponse) res).addHeader("Set-Cookie", "SESSION=abc; Path=/; HttpOnly");
            res.getWriter().write("<!DOCTYPE html><html><head><title>登录");
            throw new org.springframework.dao.DataAccessResourceFailureException("saving the session",
                    new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getErrorMessage()).as("no error dispatch").isNull();
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getHeader("Set-Cookie")).isNull();
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("服务暂不可用").doesNotContain("登录").doesNotContainIgnoringCase("exception");

        MockHttpServletRequest english = new MockHttpServletRequest("GET", "/tasks");
        english.addHeader("Accept-Language", "en-GB,en;q=0.9");
        MockHttpServletResponse inEnglish = new MockHttpServletResponse();
        new OutageFilter().doFilter(english, inEnglish, (req, res) -> {
            throw new CannotCreateTransactionException("no connection", new java.net.ConnectException("refused"));
        });
        assertThat(inEnglish.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Service temporarily unavailable");
    }

    @Test
    void anyOtherFailureIsLeftToTheContainer() {
        assertThatThrownBy(() -> new OutageFilter().doFilter(new MockHttpServletRequest("POST", "/login"),
                new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("a bug");
                })).isInstanceOf(IllegalStateException.class);
    }
}
