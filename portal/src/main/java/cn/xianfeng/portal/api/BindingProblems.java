package cn.xianfeng.portal.api;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON body whose values do not bind (an unknown enum constant, text where a number belongs, a number or an object
 * where text belongs, a malformed date) is one 400 naming every bad field with what it must be, together with the
 * body's validation errors ({@code @NotBlank} …), instead of stopping at the first value Jackson cannot read.
 * Jackson reports each bad value to {@link Collector}, which notes it for the request and reads on with
 * {@code null}; once the body is read, {@link #afterBodyRead} refuses it with all the notes. The handler never runs
 * with such a body. Messages come from the bundles in the request's language (Chinese by default).
 */
@ControllerAdvice(basePackageClasses = BindingProblems.class)
class BindingProblems extends RequestBodyAdviceAdapter {

    private static final String NOTES = BindingProblems.class.getName() + ".notes";

    private final MessageSource messages;
    private final Validator validator;

    BindingProblems(MessageSource messages, Validator validator) {
        this.messages = messages;
        this.validator = validator;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends org.springframework.http.converter.HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends org.springframework.http.converter.HttpMessageConverter<?>> converterType) {
        Map<String, String> notes = notes(false);
        if (notes == null || notes.isEmpty()) {
            return body;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        notes.forEach((field, expected) -> errors.put(field, ExpectedValues.message(messages, expected)));
        notes.clear();
        if (body != null && (parameter.hasParameterAnnotation(Valid.class) || parameter.hasParameterAnnotation(Validated.class))) {
            // the other fields' rules in the same answer; a field that did not bind is not also "must not be null"
            validator.validate(body).forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
        }
        List<Violation> violations = new ArrayList<>();
        errors.forEach((field, message) -> violations.add(new Violation(field, message)));
        throw new InvalidInputException(violations);
    }

    /** The request's notes, or null outside a request (the converter's mapper then fails as Jackson would). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> notes(boolean create) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        Map<String, String> notes = (Map<String, String>) request.getAttribute(NOTES, RequestAttributes.SCOPE_REQUEST);
        if (notes == null && create) {
            notes = new LinkedHashMap<>();
            request.setAttribute(NOTES, notes, RequestAttributes.SCOPE_REQUEST);
        }
        return notes;
    }

    /** {@code type}, {@code data.birthDate}, {@code items[2].name}: where the parser stands. */
    static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }

    /** Installed on the API's ObjectMapper ({@link ApiJson}): notes a value that does not bind and reads on. */
    static final class Collector extends DeserializationProblemHandler {

        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
                                             String failureMsg) {
            if (targetType == String.class) {
                return NOT_HANDLED; // a refused string (a NUL character) keeps its own refusal
            }
            return note(context.getParser(), targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
                                             String failureMsg) {
            return note(context.getParser(), targetType);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                            JsonParser parser, String failureMsg) throws java.io.IOException {
            if ("body".equals(path(parser.getParsingContext()))) {
                return NOT_HANDLED; // the body itself has the wrong shape: RequestProblems names the body
            }
            Object noted = note(parser, targetType.getRawClass());
            if (noted != NOT_HANDLED && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
                parser.skipChildren();
            }
            return noted;
        }

        private static Object note(JsonParser parser, Class<?> targetType) {
            Map<String, String> notes = notes(true);
            if (notes == null) {
                return NOT_HANDLED;
            }
            notes.putIfAbsent(path(parser.getParsingContext()), ExpectedValues.of(targetType));
            return null;
        }
    }
}
