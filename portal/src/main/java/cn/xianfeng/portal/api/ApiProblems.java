package cn.xianfeng.portal.api;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.portal.DatabaseOutage;
import cn.xianfeng.workflow.UnknownFormException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every refusal of the API as RFC 9457 problem details, with every bad field listed; never a stack trace. */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        Locale locale = LocaleContextHolder.getLocale();
        return problem(HttpStatus.BAD_REQUEST, say("输入有误", "Invalid input"), e.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message(locale))).toList());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        return problem(HttpStatus.BAD_REQUEST, say("输入有误", "Invalid input"), e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.message(LocaleContextHolder.getLocale()), null);
    }

    @ExceptionHandler(UnknownFormException.class)
    ProblemDetail unknownForm(UnknownFormException e) {
        return problem(HttpStatus.NOT_FOUND, say("表单不存在：", "No such form: ") + e.key(), null);
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e.message(LocaleContextHolder.getLocale()), null);
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.message(LocaleContextHolder.getLocale()), null);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ProblemDetail tooMany(TooManyRequestsException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, e.message(LocaleContextHolder.getLocale()), null);
    }

    @ExceptionHandler({TooLargeException.class, MaxUploadSizeExceededException.class})
    ProblemDetail tooLarge(Exception e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e instanceof TooLargeException t ? t.message(LocaleContextHolder.getLocale()) : say("文件过大", "The file is too large"), null);
    }

    @ExceptionHandler({UnsupportedTypeException.class, HttpMediaTypeNotSupportedException.class})
    ProblemDetail unsupported(Exception e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                e instanceof UnsupportedTypeException u ? u.message(LocaleContextHolder.getLocale()) : say("不支持的内容类型", "Unsupported content type"), null);
    }

    /** Tomcat refuses a file name with a NUL character only when the handler reads it: still a bad upload. */
    @ExceptionHandler({MultipartException.class, org.apache.tomcat.util.http.fileupload.InvalidFileNameException.class})
    ProblemDetail multipart(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, say("上传格式有误", "Malformed upload"), List.of(Map.of("field", "file", "message", say("无法解析", "Cannot be parsed"))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, say("不支持的请求方法", "Method not supported"), null);
    }

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ProblemDetail unavailable(Exception e) {
        log.warn("database unavailable: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, say("服务暂不可用，请稍后重试", "Service unavailable; try again later"), null);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (DatabaseOutage.causedBy(e)) {
            return unavailable(e);
        }
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, say("服务器内部错误", "Internal server error"), null);
    }

    /** The API's own words in the reader's language (Accept-Language; Chinese by default). */
    private static String say(String zh, String en) {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? en : zh;
    }

    static ProblemDetail problem(HttpStatus status, String detail, List<Map<String, String>> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(status.getReasonPhrase());
        if (errors != null) {
            p.setProperty("errors", errors);
        }
        return p;
    }
}
