package cn.xianfeng.portal.web;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Locale;

/**
 * The verification address printed on every document, opened in a browser: what the document is, who issued it
 * and when (local time), its SHA-256, and whether it is valid, void or broken, in Chinese (English with
 * {@code ?lang=en}). API clients asking for JSON get {@code PublicApi}'s answer at the same address.
 */
@Controller
class VerifyPage {

    private final Documents documents;

    VerifyPage(Documents documents) {
        this.documents = documents;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The verification page of an issued document (HTML, for browsers)",
            tags = cn.xianfeng.portal.api.OpenApiDocument.DOCUMENTS)
    @GetMapping(value = "/api/public/verify/{code}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String code, Model model, Locale locale, HttpServletResponse response) {
        try {
            Documents.Check check = documents.verify(code);
            model.addAttribute("d", check);
            model.addAttribute("problem", check.integrity().label(locale));
        } catch (NotFoundException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("d", null);
        }
        model.addAttribute("code", code == null ? "" : code.strip().toUpperCase(Locale.ROOT));
        return "verify";
    }
}
