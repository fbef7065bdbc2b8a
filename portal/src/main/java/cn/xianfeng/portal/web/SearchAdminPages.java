package cn.xianfeng.portal.web;

import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.Search;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import java.security.Principal;

/**
 * 检索索引: an administrator rebuilds the search index and watches the progress bar, which htmx re-fetches
 * every second while the rebuild runs (the engine refuses others: 403 page; a second rebuild: 409 page).
 */
@Controller
class SearchAdminPages {

    private final Reindex reindex;
    private final Search search;

    SearchAdminPages(Reindex reindex, Search search) {
        this.reindex = reindex;
        this.search = search;
    }

    @GetMapping("/admin/search")
    String page(Principal user, Model model) {
        model.addAttribute("progress", reindex.progress(user.getName()));
        model.addAttribute("backend", search.backend());
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
}
