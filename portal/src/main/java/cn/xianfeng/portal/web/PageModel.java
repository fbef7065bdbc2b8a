package cn.xianfeng.portal.web;

import cn.xianfeng.org.People;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;

/** What every page's header shows: who is signed in and the red dot with the number of open tasks. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final People people;
    private final TaskLists lists;
    private final cn.xianfeng.notice.Notices notices;

    PageModel(People people, TaskLists lists, cn.xianfeng.notice.Notices notices) {
        this.people = people;
        this.lists = lists;
        this.notices = notices;
    }

    @ModelAttribute
    void header(org.springframework.ui.Model model, Principal user) {
        if (user == null) {
            return;
        }
        people.find(user.getName()).ifPresent(p -> model.addAttribute("me", p));
        model.addAttribute("unreadNotices", notices.unread(user.getName()));
        model.addAttribute("todoCount", lists.list(new TaskFilter("todo", null, null, null), user.getName(), 0, 1).total());
    }
}
