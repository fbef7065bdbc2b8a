package cn.xianfeng.portal.web;

import cn.xianfeng.portal.api.ExpectedValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A form or link value of a page that does not bind (text where a number or yes/no belongs, a missing field): a 400
 * page naming the field and what it must be, in the page's language. Ahead of Spring Boot's problem-details handler,
 * which would answer a browser with JSON and the value echoed.
 */
@ControllerAdvice(basePackageClasses = PageBindingProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageBindingProblems {

    private final MessageSource messages;

    PageBindingProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String unbound(Exception e, HttpServletResponse response, Model model) {
        String field;
        String expected;
        if (e instanceof MethodArgumentTypeMismatchException m) {
            field = m.getName();
            expected = m.getRequiredType() == null ? messages.getMessage("api.binding.value", null, LocaleContextHolder.getLocale())
                    : ExpectedValues.message(messages, m.getRequiredType());
        } else {
            field = ((MissingServletRequestParameterException) e).getParameterName();
            expected = messages.getMessage("page.binding.required", null, LocaleContextHolder.getLocale());
        }
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("message", messages.getMessage("page.binding.field", new Object[]{field, expected},
                LocaleContextHolder.getLocale()));
        return "problem";
    }
}
