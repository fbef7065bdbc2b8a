package cn.xianfeng.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginPage {

    /** {@code ?throttled=N}: N seconds to wait, shown only as the number it is (never text from the link). */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, Model model) {
        if (throttled != null && throttled.matches("[0-9]{1,6}")) {
            model.addAttribute("throttledSeconds", Integer.parseInt(throttled));
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/tasks";
    }
}
