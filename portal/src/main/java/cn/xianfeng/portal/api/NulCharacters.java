package cn.xianfeng.portal.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL cannot store or even compare text containing U+0000: such a value reached a query and failed with a
 * 500. No legitimate input has one, so it is refused at the door: in JSON strings (also inside free-form maps such
 * as a form's {@code data}) and in request parameters — 400 before anything reads the database.
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters {

    static final String REFUSED = "输入含有不允许的空字符（U+0000）";

    @Bean
    Jackson2ObjectMapperBuilderCustomizer refuseNulInJson() {
        SimpleModule module = new SimpleModule("refuse-nul");
        // a custom String deserializer is also used for strings inside Map<String, Object> values
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
                String value = super.deserialize(p, context);
                if (value != null && value.indexOf('\0') >= 0) {
                    return (String) context.handleWeirdStringValue(String.class, value, REFUSED);
                }
                return value;
            }
        });
        return builder -> builder.modulesToInstall(module);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    OncePerRequestFilter refuseNulInParameters() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String contentType = request.getContentType();
                boolean formBody = contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
                String query = request.getQueryString();
                boolean nul = query != null && query.toLowerCase().contains("%00");
                if (!nul && formBody) {
                    nul = request.getParameterMap().values().stream()
                            .anyMatch(vs -> java.util.Arrays.stream(vs).anyMatch(v -> v.indexOf('\0') >= 0));
                }
                if (nul) {
                    response.setStatus(400);
                    response.setContentType("application/problem+json;charset=UTF-8");
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Bad Request\","
                            + "\"status\":400,\"detail\":\"" + REFUSED + "\"}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
