package cn.xianfeng.portal.web;

import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.Search;
import cn.xianfeng.search.SearchIndexing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.security.Principal;

/**
 * 检索索引: an administrator rebuilds the search index and watches the progress bar, which htmx re-fetches
 * every second while the rebuild runs (the engine refuses others: 403 page; a second rebuild: 409 page); below it
 * the dead letters, events whose documents the index kept refusing, each with a button to try it again.
 */
@Controller
class SearchAdminPages {

    private final Reindex reindex;
    private final Search search;
    private final SearchIndexing indexing;

    SearchAdminPages(Reindex reindex, Search search, SearchIndexing indexing) {
        this.reindex = reindex;
        this.search = search;
        this.indexing = indexing;
    }

    @GetMapping("/admin/search")
    String page(Principal user, Model model) {
        model.addAttribute("progress", reindex.progress(user.getName()));
        model.addAttribute("backend", search.backend());
        model.addAttribute("deadLetters", indexing.deadLetters(user.getName()));
        return "admin-search";
    }

    @GetMapping("/admin/search/progress")
    String progress(Principal user, Model model) {
        model.addAttribute("progress", reindex.progress(user.getName()));
        return "admin-search :: progress";
    }

    @PostMapping("/admin/search/reindex")
    String start(Principal user) {
        reindex.start(user.getName());
        return "redirect:/admin/search";
    }

    @PostMapping("/admin/search/dead-letters/{eventId}/retry")
    String retry(@PathVariable long eventId, Principal user) {
        indexing.retry(eventId, user.getName());
        return "redirect:/admin/search";
    }
}
