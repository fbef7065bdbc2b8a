package cn.xianfeng.portal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;

/**
 * How the API writes JSON (API.md "General"), on the HTTP converter's own copy of the ObjectMapper so that the
 * engine's JSON (audit payloads, search documents) is untouched:
 * <ul>
 * <li>every field is written, {@code null} where undefined: the contract's fields never vanish (the application's
 * {@code non_null} default stays for the engine);</li>
 * <li>times carry the application zone's offset ({@code xianfeng.zone}, e.g. {@code 2026-12-31T23:59:59+08:00}),
 * not UTC, so a client that takes the date part gets the local day.</li>
 * <li>a body whose values do not bind is answered with every bad field ({@link BindingProblems}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiJson implements WebMvcConfigurer {

    private final ZoneId zone;

    ApiJson(Clock clock) {
        this.zone = clock.getZone();
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                json.setObjectMapper(forApi(json.getObjectMapper(), zone));
            }
        }
    }

    static ObjectMapper forApi(ObjectMapper shared, ZoneId zone) {
        ObjectMapper copy = shared.copy();
        copy.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS,
                JsonInclude.Include.ALWAYS));
        // java.util.Date and OffsetDateTime/ZonedDateTime follow the context zone; Instant is handled below
        copy.setTimeZone(TimeZone.getTimeZone(zone));
        SimpleModule local = new SimpleModule("api-zone-offsets");
        local.addSerializer(Instant.class, new ZonedInstant(zone));
        local.addDeserializer(String.class, new TextOnly());
        copy.registerModule(local);
        // a value that does not bind is noted and the body read on, so that every bad field is answered at once
        copy.addHandler(new BindingProblems.Collector());
        copy.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        return copy;
    }

    /**
     * Text is a JSON string: a number or a boolean where text belongs does not bind (it is not silently made text);
     * a string with a NUL character is refused as {@link NulCharacters} refuses it.
     */
    private static final class TextOnly extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != null && p.currentToken().isScalarValue() && p.currentToken() != JsonToken.VALUE_STRING
                    && p.currentToken() != JsonToken.VALUE_NULL && p.currentToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
                return (String) context.handleUnexpectedToken(String.class, p);
            }
            String value = super.deserialize(p, context);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, NulCharacters.REFUSED);
            }
            return value;
        }
    }

    private static final class ZonedInstant extends StdSerializer<Instant> {

        private final ZoneId zone;

        ZonedInstant(ZoneId zone) {
            super(Instant.class);
            this.zone = zone;
        }

        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(OffsetTimes.format(value, zone));
        }
    }
}
