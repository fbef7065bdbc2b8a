package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import java.util.List;
import java.util.Map;

/**
 * Requests that cannot be read at all: the body (a document over {@link RequestLimits}: 413; too deep, too long a
 * string or number: 400), a parameter of the wrong type or missing, named as a field. Ahead of Spring Boot's own
 * problem-details handler, which would answer these with its English defaults (and the value echoed) before
 * {@link ApiProblems} is asked.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestProblems {

    private final org.springframework.context.MessageSource messages;

    RequestProblems(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
    ProblemDetail unreadable(Exception e) {
        com.fasterxml.jackson.core.exc.StreamConstraintsException limit = cause(e,
                com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
        if (limit != null && String.valueOf(limit.getMessage()).contains("Document length")) {
            return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, words(Refusal.of("request.bodyTooLarge", String.valueOf(RequestLimits.MAX_DOCUMENT_BYTES >> 20))), null);
        }
        if (limit != null) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, words(Refusal.of("request.malformed")), List.of(Map.of("field", "body",
                    "message", words(Refusal.of("request.beyondLimits", String.valueOf(RequestLimits.MAX_DEPTH),
                            String.valueOf(RequestLimits.MAX_STRING), String.valueOf(RequestLimits.MAX_NUMBER))))));
        }
        com.fasterxml.jackson.databind.JsonMappingException mapping = cause(e,
                com.fasterxml.jackson.databind.JsonMappingException.class);
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : e instanceof MissingServletRequestParameterException p ? p.getParameterName()
                : e instanceof MissingServletRequestPartException p ? p.getRequestPartName()
                : mapping != null && !mapping.getPath().isEmpty() ? jsonPath(mapping) : "body";
        Class<?> type = e instanceof MethodArgumentTypeMismatchException m ? m.getRequiredType()
                : mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && !"body".equals(field)
                ? m.getTargetType() : null;
        String message = type == null ? words(Refusal.of("request.unparsable")) : ExpectedValues.message(messages, type);
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, words(Refusal.of("request.malformed")), List.of(Map.of("field", field, "message", message)));
    }

    /** {@code data.birthDate}, {@code items[2].name}: where in the body the value could not be read. */
    private static String jsonPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }


    /** The API's words in the reader's language (Accept-Language; Chinese by default). */
    private static String words(Refusal refusal) {
        return refusal.in(org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }
}
