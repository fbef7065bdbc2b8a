package cn.xianfeng.portal.api;

import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.Reindex.Progress;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** Rebuilding the search index from PostgreSQL: administrators start it and watch its progress. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMIN)
@RestController
@RequestMapping("/api/admin/search/reindex")
class SearchAdminApi {

    private final Reindex reindex;

    SearchAdminApi(Reindex reindex) {
        this.reindex = reindex;
    }

    /** 202 with the progress just after the start; 409 while another rebuild runs. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Rebuild the search index from PostgreSQL (administrators; 409 while a rebuild runs)")
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Progress start(Principal user) {
        return reindex.start(user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The progress of the search index rebuild")
    @GetMapping
    Progress progress(Principal user) {
        return reindex.progress(user.getName());
    }
}
