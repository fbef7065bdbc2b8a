package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.RefusedException;
import org.springframework.context.i18n.LocaleContextHolder;

/** A refusal's words in the page's language (the engine's bundles), for flashes and problem pages. */
final class Refusals {

    private Refusals() {
    }

    static String text(Exception e) {
        if (e instanceof RefusedException r) {
            return r.message(LocaleContextHolder.getLocale());
        }
        if (e instanceof InvalidInputException i && !i.violations().isEmpty()) {
            return i.violations().get(0).message(LocaleContextHolder.getLocale());
        }
        return e.getMessage();
    }

    static String text(InvalidInputException.Violation v) {
        return v.message(LocaleContextHolder.getLocale());
    }
}
