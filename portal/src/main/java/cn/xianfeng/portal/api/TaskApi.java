package cn.xianfeng.portal.api;

import cn.xianfeng.common.Page;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import jakarta.validation.Valid;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.TASKS)
@RestController
@RequestMapping("/api/tasks")
class TaskApi {

    private final TaskLists lists;
    private final Tasks tasks;
    private final cn.xianfeng.workflow.TaskOperations operations;
    private final cn.xianfeng.workflow.FollowUps followUps;
    private final cn.xianfeng.workflow.CoSigners coSigners;

    TaskApi(TaskLists lists, Tasks tasks, cn.xianfeng.workflow.TaskOperations operations,
            cn.xianfeng.workflow.FollowUps followUps, cn.xianfeng.workflow.CoSigners coSigners) {
        this.coSigners = coSigners;
        this.lists = lists;
        this.tasks = tasks;
        this.operations = operations;
        this.followUps = followUps;
    }

    record TransferRequest(@NotBlank @Size(max = 64) String to, @NotBlank @Size(max = 1000) String reason) {
    }

    record DelegateRequest(@NotBlank @Size(max = 64) String to, @NotBlank @Size(max = 1000) String reason) {
    }

    record AddSignersRequest(@NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 64) String> users,
                             @NotNull SignPosition position, @NotBlank @Size(max = 1000) String reason) {
    }

    record RemoveSignerRequest(@NotBlank @Size(max = 64) String user, @NotBlank @Size(max = 1000) String reason) {
    }

    record ReturnRequest(@NotBlank @Size(max = 64) String toStepId, @NotBlank @Size(max = 1000) String reason) {
    }

    record RemindRequest(@Size(max = 500) String message) {
    }

    record ResolveRequest(@Size(max = 2000) String comment) {
    }

    @Operation(summary = "转办: hand the step to someone who could hold its role in its org or above, with a reason")
    @PostMapping("/{id}/transfer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transfer(@PathVariable String id, @Valid @RequestBody TransferRequest r, Principal user) {
        operations.transfer(id, r.to(), r.reason(), user.getName());
    }

    @Operation(summary = "委派: ask a party member of your own org subtree to do the work; it stays on your list until handed back")
    @PostMapping("/{id}/delegate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delegate(@PathVariable String id, @Valid @RequestBody DelegateRequest r, Principal user) {
        operations.delegate(id, r.to(), r.reason(), user.getName());
    }

    @Operation(summary = "加签: ask co-signers to sign the step BEFORE the owner decides, in PARALLEL, or AFTER (they sign the owner's submission)")
    @PostMapping("/{id}/add-signers")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addSigners(@PathVariable String id, @Valid @RequestBody AddSignersRequest r, Principal user) {
        coSigners.add(id, r.users(), r.position(), r.reason(), user.getName());
    }

    @Operation(summary = "减签: take back a co-signer who has not signed yet, with a reason")
    @PostMapping("/{id}/remove-signer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeSigner(@PathVariable String id, @Valid @RequestBody RemoveSignerRequest r, Principal user) {
        coSigners.remove(id, r.user(), r.reason(), user.getName());
    }

    @Operation(summary = "The delegate hands a delegated task back to its owner, with an opinion")
    @PostMapping("/{id}/resolve")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resolve(@PathVariable String id, @Valid @RequestBody(required = false) ResolveRequest r, Principal user) {
        operations.resolve(id, r == null ? null : r.comment(), user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "退回: send the case back to an earlier step, with a reason")
    @PostMapping("/{id}/return")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void returnTo(@PathVariable String id, @Valid @RequestBody ReturnRequest r, Principal user) {
        operations.returnTo(id, r.toStepId(), r.reason(), user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "催办: remind whoever owes the task (once a day), with an optional message")
    @PostMapping("/{id}/remind")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remind(@PathVariable String id, @Valid @RequestBody(required = false) RemindRequest r, Principal user) {
        followUps.remind(id, r == null ? null : r.message(), user.getName());
    }

    record CompleteRequest(Map<String, Object> data, @Size(max = 2000) String comment) {
    }

    record CommentRequest(@NotBlank @Size(max = 2000) String text) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "待办 / 已办 / 抄送: my tasks, filtered by process, org and overdue")
    @GetMapping
    Page<TaskItem> list(@RequestParam(defaultValue = "todo") String scope, @RequestParam(required = false) String process,
                        @RequestParam(required = false) String org, @RequestParam(required = false) Boolean overdue,
                        @RequestParam(required = false) String text, @RequestParam(required = false) String sort,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                        Principal user, Locale locale) {
        Page<TaskItem> found = lists.list(new TaskFilter(scope, process, org, overdue, text, sort), user.getName(), page, size);
        return new Page<>(found.items().stream().map(t -> t.in(locale)).toList(), found.total());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A task with its form definition and current values")
    @GetMapping("/{id}")
    TaskDetail get(@PathVariable String id, Principal user, Locale locale) {
        return tasks.get(id, user.getName()).in(locale);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "签收: claim a step offered to a role I hold")
    @PostMapping("/{id}/claim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void claim(@PathVariable String id, Principal user) {
        tasks.claim(id, user.getName());
    }

    @Operation(summary = "取消签收: give a claimed step back to all its candidates")
    @PostMapping("/{id}/unclaim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unclaim(@PathVariable String id, Principal user) {
        tasks.unclaim(id, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Submit a task's form (validated on the server); answers the case and its next steps")
    @PostMapping("/{id}/complete")
    Completion complete(@PathVariable String id, @Valid @RequestBody CompleteRequest r, Principal user, Locale locale) {
        return tasks.complete(id, r.data(), r.comment(), user.getName(), locale).in(locale);
    }

    @Operation(summary = "A comment on the task outside any completion")
    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    void comment(@PathVariable String id, @Valid @RequestBody CommentRequest r, Principal user) {
        tasks.comment(id, r.text(), user.getName());
    }
}
