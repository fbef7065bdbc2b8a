package cn.xianfeng.portal.api;

import cn.xianfeng.search.DeadLetter;
import cn.xianfeng.search.SearchIndexing;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/** Events the search index kept refusing (dead letters): administrators list them and retry one. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMIN)
@RestController
@RequestMapping("/api/admin/search/dead-letters")
class SearchDeadLettersApi {

    private final SearchIndexing indexing;

    SearchDeadLettersApi(SearchIndexing indexing) {
        this.indexing = indexing;
    }

    @GetMapping
    @Operation(summary = "Dead letters of search indexing, newest first (administrators)")
    List<DeadLetter> list(Principal user) {
        return indexing.deadLetters(user.getName());
    }

    /** 202: the indexer tries the event again at once; 404 if it is not a dead letter. */
    @PostMapping("/{eventId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Retry indexing a dead letter once its cause is fixed (administrators)")
    void retry(@PathVariable long eventId, Principal user) {
        indexing.retry(eventId, user.getName());
    }
}
