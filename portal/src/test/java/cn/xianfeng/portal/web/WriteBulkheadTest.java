package cn.xianfeng.portal.web;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBulkheadTest {

    private static final org.springframework.context.MessageSource MESSAGES = messages();
    private final WriteBulkhead bulkhead = new WriteBulkhead(1, Duration.ofMillis(300), MESSAGES);

    @Test
    void aChangingRequestWaitsForTheOneRunningAndGets503WithRetryAfterWhenItsWaitIsOver() throws Exception {
        MockHttpServletRequest first = request("POST");
        assertThat(bulkhead.preHandle(first, new MockHttpServletResponse(), null)).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        long t = System.nanoTime();
        assertThat(bulkhead.preHandle(request("POST"), refused, null)).isFalse();
        assertThat(System.nanoTime() - t).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"status\":503", "\"title\":\"服务暂不可用\"", "系统繁忙");

        // a waiting one goes on as soon as the running one completes
        WriteBulkhead patient = new WriteBulkhead(1, Duration.ofMinutes(2), MESSAGES);
        MockHttpServletRequest running = request("DELETE");
        assertThat(patient.preHandle(running, new MockHttpServletResponse(), null)).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return patient.preHandle(request("PUT"), new MockHttpServletResponse(), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        patient.afterCompletion(running, new MockHttpServletResponse(), null, null);
        assertThat(waiting.get(2, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void readersAndErrorDispatchesAreNeverHeldAndOnlyWhatWasTakenIsReleased() throws Exception {
        MockHttpServletRequest writer = request("PATCH");
        assertThat(bulkhead.preHandle(writer, new MockHttpServletResponse(), null)).isTrue();
        assertThat(bulkhead.available()).isZero();

        assertThat(bulkhead.preHandle(request("GET"), new MockHttpServletResponse(), null)).isTrue();
        assertThat(bulkhead.preHandle(request("HEAD"), new MockHttpServletResponse(), null)).isTrue();
        MockHttpServletRequest error = request("POST");
        error.setDispatcherType(DispatcherType.ERROR);
        assertThat(bulkhead.preHandle(error, new MockHttpServletResponse(), null)).isTrue();

        // a reader's completion, and the writer's completion called twice, release one permit in all
        bulkhead.afterCompletion(request("GET"), new MockHttpServletResponse(), null, null);
        assertThat(bulkhead.available()).isZero();
        bulkhead.afterCompletion(writer, new MockHttpServletResponse(), null, null);
        bulkhead.afterCompletion(writer, new MockHttpServletResponse(), null, null);
        assertThat(bulkhead.available()).isEqualTo(1);
    }

    @Test
    void theRefusalSpeaksTheReadersLanguageAndAFormPostGetsAPage() throws Exception {
        WriteBulkhead full = new WriteBulkhead(1, Duration.ofMillis(50), MESSAGES);
        assertThat(full.preHandle(request("POST"), new MockHttpServletResponse(), null)).isTrue();

        MockHttpServletRequest english = request("POST");
        english.addPreferredLocale(java.util.Locale.ENGLISH);
        MockHttpServletResponse api = new MockHttpServletResponse();
        assertThat(full.preHandle(english, api, null)).isFalse();
        assertThat(api.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"title\":\"Service unavailable\"", "The system is busy").doesNotContain("系统");

        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/tasks/t1/complete");
        form.setDispatcherType(DispatcherType.REQUEST);
        form.addPreferredLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        MockHttpServletResponse page = new MockHttpServletResponse();
        assertThat(full.preHandle(form, page, null)).isFalse();
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("<html lang=\"zh-CN\"", "<h1>服务暂不可用</h1>", "系统繁忙");
    }

    private static MockHttpServletRequest request(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/tasks/t1/complete");
        request.setDispatcherType(DispatcherType.REQUEST);
        request.addPreferredLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        return request;
    }

    /** The portal's own bundles, read as Spring Boot reads them. */
    private static org.springframework.context.MessageSource messages() {
        var source = new org.springframework.context.support.ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
