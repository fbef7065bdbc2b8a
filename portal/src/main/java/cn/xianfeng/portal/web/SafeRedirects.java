package cn.xianfeng.portal.web;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Locale;

/**
 * Every {@code redirect:} of the pages, built from ids that came in the request: percent-encoded as a URL (spaces,
 * non-ASCII, CR/LF, braces), and never expanded as a URI template. Spring's own redirect view reads {@code {x}} in
 * {@code /tasks/{x}} as a template variable and fails with a 500 when the model lacks it.
 */
@Component
class SafeRedirects implements ViewResolver, Ordered {

    private static final String PREFIX = "redirect:";

    @Override
    public View resolveViewName(String viewName, Locale locale) {
        if (!viewName.startsWith(PREFIX)) {
            return null;
        }
        String target = UriComponentsBuilder.fromUriString(viewName.substring(PREFIX.length())).build().encode()
                .toUriString();
        RedirectView view = new RedirectView(target, true, true);
        view.setExpandUriTemplateVariables(false);
        return view;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
