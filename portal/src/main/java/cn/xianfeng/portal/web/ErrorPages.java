package cn.xianfeng.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * Spring's error pages for browsers (an unknown address, a refusal by the security filters) drawn as our problem
 * page in the layout of the area the address belongs to, so a 403 or 404 does not look like being signed out.
 * API clients keep their JSON: Boot asks this resolver only for text/html.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private final PageModel header;

    ErrorPages(PageModel header) {
        this.header = header;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (!status.isError()) {
            return null;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("status", status.value());
        page.put("message", null);
        Object path = model.get("path");
        area(path instanceof String p ? p : request.getRequestURI(), request.getUserPrincipal(), page, header);
        ModelAndView view = new ModelAndView("problem", page);
        view.setStatus(status);
        return view;
    }

    /** The public area (/public/…) shows the public header and leads back to the public form; inside, the person's. */
    static void area(HttpServletRequest request, Map<String, Object> model, PageModel header) {
        area(request.getRequestURI(), request.getUserPrincipal(), model, header);
    }

    private static void area(String path, Principal user, Map<String, Object> model, PageModel header) {
        boolean publicArea = path != null && path.startsWith("/public/");
        if (publicArea) {
            model.put("publicArea", true);
            model.remove("me");
        } else if (user != null) {
            header.header(model, user.getName());
        }
    }
}
