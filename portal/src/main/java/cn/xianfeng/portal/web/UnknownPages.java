package cn.xianfeng.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * An address nothing answers. A browser asking for a page gets our 404 page in the layout of the area (signed-in
 * header inside, public one under /public/), not a JSON body; the API, assets and clients that do not ask for HTML
 * keep the problem details they had.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPages {

    private final PageModel header;

    UnknownPages(PageModel header) {
        this.header = header;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        String accept = request.getHeader("Accept");
        boolean page = accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !path.startsWith("/api/")
                && !path.startsWith("/css/") && !path.startsWith("/js/") && !path.startsWith("/webjars/");
        if (!page) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getBody().getDetail());
            problem.setInstance(URI.create(path));
            return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        response.setStatus(404);
        Map<String, Object> model = new HashMap<>();
        model.put("status", 404);
        model.put("message", null);
        ErrorPages.area(request, model, header);
        return new ModelAndView("problem", model);
    }
}
