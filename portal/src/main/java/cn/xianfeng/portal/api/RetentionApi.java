package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.People;
import cn.xianfeng.retention.Retention;
import cn.xianfeng.workflow.HistoryArchive;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * History retention: its state and a run on demand (the system administrator: it spans every county), and a case's
 * archived engine history.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMIN)
@RestController
@RequestMapping("/api")
class RetentionApi {

    private final Retention retention;
    private final HistoryArchive archive;
    private final People people;

    RetentionApi(Retention retention, HistoryArchive archive, People people) {
        this.retention = retention;
        this.archive = archive;
        this.people = people;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "History retention: what is archived and what is due (system administrator)")
    @GetMapping("/admin/retention")
    Retention.Status status(Principal user) {
        requireAdmin(user);
        return retention.status();
    }

    /** Archives now what is due; the daily job would do the same. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Archive now the engine history that is due (system administrator)")
    @PostMapping("/admin/retention/run")
    Retention.Run run(Principal user) {
        requireAdmin(user);
        return retention.archiveDue();
    }

    /** The engine history of an archived case, with whether it still matches its SHA-256; 404 if not archived. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The archived engine history of a case, with whether it still matches its SHA-256")
    @GetMapping("/cases/{id}/archive")
    HistoryArchive.Archived archived(@PathVariable String id, Principal user) {
        return archive.find(id, user.getName()).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.historyNotArchived")));
    }

    private void requireAdmin(Principal user) {
        if (!people.get(user.getName()).administers()) {
            throw new ForbiddenException(Refusal.of("workflow.archiveAdminOnly"));
        }
    }
}
