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
        if (user != null) {
            header(model.asMap(), user.getName());
        }
    }

    /** The same header for pages no controller method renders: refusals and Spring's error pages. */
    void header(java.util.Map<String, Object> model, String username) {
        people.find(username).ifPresent(p -> model.put("me", p));
        model.put("unreadNotices", notices.unread(username));
        model.put("todoCount", lists.list(new TaskFilter("todo", null, null, null), username, 0, 1).total());
    }
}
