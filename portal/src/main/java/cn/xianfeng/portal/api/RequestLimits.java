package cn.xianfeng.portal.api;

import cn.xianfeng.common.IsoDates;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a request may cost before any handler sees it, and how its dates bind (pages and API alike):
 * <ul>
 * <li>JSON bodies: at most {@link #MAX_DOCUMENT_BYTES} (413 beyond), nesting {@link #MAX_DEPTH}, strings of
 * {@link #MAX_STRING} characters, numbers of {@link #MAX_NUMBER} digits, names of {@link #MAX_NAME} (400 beyond),
 * enforced by Jackson while it streams, so a huge or deep document is refused before it is built;</li>
 * <li>dates in query strings ({@code @DateTimeFormat}) and in JSON bodies: {@code yyyy-MM-dd} with four year
 * digits ({@link IsoDates}); {@code -999999999-01-01} is a 400, not a 500 from the database.</li>
 * </ul>
 * Only the HTTP converter's copy of the ObjectMapper is constrained; the engine's own JSON reading is untouched.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimits implements WebMvcConfigurer {

    static final long MAX_DOCUMENT_BYTES = 2L << 20;
    static final int MAX_DEPTH = 50;
    static final int MAX_STRING = 1_000_000;
    static final int MAX_NUMBER = 100;
    static final int MAX_NAME = 1_000;

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                json.setObjectMapper(constrained(json.getObjectMapper()));
            }
        }
    }

    static ObjectMapper constrained(ObjectMapper shared) {
        ObjectMapper copy = shared.copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_BYTES).maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
                .maxNumberLength(MAX_NUMBER).maxNameLength(MAX_NAME).build());
        SimpleModule strictDates = new SimpleModule("strict-iso-dates");
        strictDates.addDeserializer(LocalDate.class, text(LocalDate.class, IsoDates::date));
        strictDates.addDeserializer(YearMonth.class, text(YearMonth.class, IsoDates::month));
        strictDates.addDeserializer(OffsetDateTime.class, text(OffsetDateTime.class, IsoDates::dateTime));
        copy.registerModule(strictDates);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> JsonDeserializer<T> text(Class<T> type, Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public Class<?> handledType() {
                return type;
            }

            @Override
            public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
                String text = p.getValueAsString();
                if (text == null) {
                    return (T) context.handleUnexpectedToken(handledType(), p);
                }
                try {
                    return parse.apply(text.strip());
                } catch (RuntimeException e) {
                    return (T) context.handleWeirdStringValue(handledType(), text, "not an ISO date with four year digits");
                }
            }
        };
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldAnnotation(new StrictDateFormat());
    }

    /** {@code @DateTimeFormat} on a LocalDate request parameter, parsed with {@link IsoDates}; added last, it wins. */
    private static final class StrictDateFormat implements AnnotationFormatterFactory<DateTimeFormat> {

        @Override
        public Set<Class<?>> getFieldTypes() {
            return Set.of(LocalDate.class);
        }

        @Override
        public Printer<?> getPrinter(DateTimeFormat annotation, Class<?> fieldType) {
            return (LocalDate date, java.util.Locale locale) -> date.toString();
        }

        @Override
        public Parser<?> getParser(DateTimeFormat annotation, Class<?> fieldType) {
            return (String text, java.util.Locale locale) -> IsoDates.date(text.strip());
        }
    }
}
