package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.Lookups;
import cn.xianfeng.org.OrgType;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/** For pickers: people and orgs matching what is typed, only among those the caller may see. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ORGS)
@RequestMapping("/api/lookup")
class LookupApi {

    private final Lookups lookups;

    LookupApi(Lookups lookups) {
        this.lookups = lookups;
    }

    record PersonItem(String username, String name, String org, String orgCode) {
    }

    record OrgItem(String code, String name, String org, OrgType type) {
    }

    @Operation(summary = "People whose name, pinyin initials (zs), full pinyin or username matches q, among those the "
            + "caller may see (their roles' subtrees and their own branch); at most 20, q at most 32 characters")
    @GetMapping("/people")
    List<PersonItem> people(@RequestParam(defaultValue = "") String q,
                            @RequestParam(defaultValue = "" + Lookups.MAX_RESULTS) int limit, Principal user) {
        return lookups.people(user.getName(), q, checked(limit)).stream()
                .map(m -> new PersonItem(m.username(), m.name(), m.org(), m.orgCode())).toList();
    }

    @Operation(summary = "Orgs whose name, pinyin initials, full pinyin or code matches q, among those the caller may "
            + "see; type narrows the kinds (repeatable); scope=all lists branches anywhere (transfer destinations)")
    @GetMapping("/orgs")
    List<OrgItem> orgs(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) List<OrgType> type,
                       @RequestParam(defaultValue = "visible") String scope,
                       @RequestParam(defaultValue = "" + Lookups.MAX_RESULTS) int limit, Principal user) {
        if (!scope.equals("visible") && !scope.equals("all")) {
            throw InvalidInputException.of("scope", Refusal.of("org.lookupScope"));
        }
        return lookups.orgs(user.getName(), q, type, scope.equals("all"), checked(limit)).stream()
                .map(m -> new OrgItem(m.code(), m.name(), m.org(), m.type())).toList();
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > Lookups.MAX_RESULTS) {
            throw InvalidInputException.of("limit", Refusal.of("org.lookupLimit", String.valueOf(Lookups.MAX_RESULTS)));
        }
        return limit;
    }
}
