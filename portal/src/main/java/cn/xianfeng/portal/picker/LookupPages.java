package cn.xianfeng.portal.picker;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.Lookups;
import cn.xianfeng.org.OrgType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options of a picker as HTML for htmx, from the same lookups as {@code /api/lookup}. The typed text comes
 * under the picker input's own name ({@code _pick.<field>}) or as {@code q}. Outside the page package on purpose:
 * a keystroke does not need the header's counts.
 */
@Controller
class LookupPages {

    private final Lookups lookups;

    LookupPages(Lookups lookups) {
        this.lookups = lookups;
    }

    /** One option: the value submitted, the name shown, and where the person or org sits. */
    record Option(String value, String name, String detail) {
    }

    @GetMapping("/lookup/people")
    String people(@RequestParam Map<String, String> params, Principal user, Model model) {
        try {
            model.addAttribute("options", lookups.people(user.getName(), typed(params), 12).stream()
                    .map(m -> new Option(m.username(), m.name(), m.org())).toList());
        } catch (InvalidInputException e) {
            model.addAttribute("problem", true); // too long, or a type no org has: nothing to offer
        }
        return "fragments/picker :: options";
    }

    @GetMapping("/lookup/orgs")
    String orgs(@RequestParam Map<String, String> params, @RequestParam(required = false) List<String> type,
                Principal user, Model model) {
        try {
            List<OrgType> types = new ArrayList<>();
            for (String t : type == null ? List.<String>of() : type) {
                types.add(OrgType.valueOf(t));
            }
            model.addAttribute("options", lookups.orgs(user.getName(), typed(params), types,
                    "all".equals(params.get("scope")), 12).stream()
                    .map(m -> new Option(m.code(), m.name(), m.org())).toList());
        } catch (InvalidInputException | IllegalArgumentException e) {
            model.addAttribute("problem", true); // too long, or a type no org has: nothing to offer
        }
        return "fragments/picker :: options";
    }

    private static String typed(Map<String, String> params) {
        return params.entrySet().stream().filter(e -> e.getKey().equals("q") || e.getKey().startsWith("_pick."))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}
