package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ORGS)
@RestController
@RequestMapping("/api/orgs")
class OrgApi {

    private final Orgs orgs;
    private final OrgAuthority authority;

    OrgApi(Orgs orgs, OrgAuthority authority) {
        this.orgs = orgs;
        this.authority = authority;
    }

    record OrgRequest(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name,
                      @NotNull OrgType type, @Size(max = 64) String parentCode) {
    }

    record OrgResponse(String code, String name, OrgType type, String parentCode, List<String> children) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Create an org under a parent (administrators; officers within their subtree)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OrgResponse create(@Valid @RequestBody OrgRequest request, Principal user) {
        Org org = orgs.create(new NewOrg(request.code(), request.name(), request.type(), request.parentCode()), user.getName());
        return response(org);
    }

    /**
     * An org the caller reads, or one above their own org or their roles' orgs; any other answers 404 like a missing
     * one (no telling which orgs another county has). Children are listed as far as the caller may see them.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "An org with its parent and the children the caller may see")
    @GetMapping("/{code}")
    OrgResponse get(@PathVariable String code, Principal user) {
        Org org = orgs.find(code).filter(o -> authority.maySee(user.getName(), o.code()))
                .orElseThrow(() -> new NotFoundException(Refusal.of("common.orgNotFound", code)));
        return new OrgResponse(org.code(), org.name(), org.type(), org.parentCode(), orgs.children(org.code()).stream()
                .map(Org::code).filter(c -> authority.maySee(user.getName(), c)).toList());
    }

    private OrgResponse response(Org org) {
        return new OrgResponse(org.code(), org.name(), org.type(), org.parentCode(),
                orgs.children(org.code()).stream().map(Org::code).toList());
    }
}
