package cn.xianfeng.portal.web;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.portal.DatabaseOutage;
import cn.xianfeng.workflow.UnknownFormException;
import org.flowable.common.engine.api.FlowableException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Refusals on pages: a page that says what happened, with the right status, never a stack trace. */
@ControllerAdvice(basePackageClasses = PageProblems.class)
class PageProblems {

    private final PageModel header;

    PageProblems(PageModel header) {
        this.header = header;
    }

    @ExceptionHandler({NotFoundException.class, UnknownFormException.class})
    String notFound(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, 404, Refusals.text(e), response, model);
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, 403, Refusals.text(e), response, model);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(request, 409, Refusals.text(e), response, model);
    }

    /**
     * PostgreSQL unreachable (down, restarting): 503 and a page that says to try again. Other failures of
     * these kinds are rethrown to the default handling, unchanged.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, FlowableException.class})
    String databaseOutage(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!DatabaseOutage.causedBy(e)) {
            throw e;
        }
        return page(request, 503, "服务暂不可用，请稍后重试", response, model);
    }

    /**
     * The page keeps the header of the area it belongs to (exception handlers get no @ModelAttribute): the
     * signed-in header inside, the public one under /public/ (whose way back is the public form, not my tasks).
     */
    private String page(HttpServletRequest request, int status, String message, HttpServletResponse response,
                        Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        ErrorPages.area(request, model.asMap(), header);
        return "problem";
    }
}
