package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.EngineTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Moving time for tests and demos of rules that span months (API.md "Time for tests"): only with
 * xianfeng.clock.adjustable=true (404 otherwise), only for the system administrator (the bootstrap superuser: the
 * clock is global, and an ADMIN role reaches only its org's subtree).
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMIN)
@RestController
@RequestMapping("/api/admin/clock")
class AdminApi {

    private final EngineTime time;
    private final People people;

    AdminApi(EngineTime time, People people) {
        this.time = time;
        this.people = people;
    }

    record ClockRequest(@NotNull OffsetDateTime now) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The clock's current time (system administrator; only with xianfeng.clock.adjustable=true)")
    @GetMapping
    Map<String, Object> now(Principal user) {
        requireAdmin(user);
        return Map.of("now", time.now(), "adjustable", time.adjustable());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Move the adjustable clock to {now}; due timers fire and the time checks run (system administrator)")
    @PostMapping
    Map<String, Object> move(@Valid @RequestBody ClockRequest request, Principal user) {
        requireAdmin(user);
        if (!time.adjustable()) {
            throw new NotFoundException(Refusal.of("admin.clockFixed"));
        }
        if (request.now().toInstant().isBefore(time.now().minusSeconds(60))) {
            throw InvalidInputException.of("now", Refusal.of("admin.clockForward"));
        }
        // fires due timers through the async executor and runs the time checks; a failure leaves the clock as it was
        EngineTime.Moved moved = time.move(request.now().toInstant());
        return Map.of("now", moved.now(), "timersFired", moved.timersFired(), "checks", moved.checks(),
                "failedJobs", time.failedJobs());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Return the adjustable clock to real time (system administrator)")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(Principal user) {
        requireAdmin(user);
        time.reset();
    }

    private void requireAdmin(Principal user) {
        if (!people.get(user.getName()).administers()) {
            throw new ForbiddenException(Refusal.of("admin.clockAdminOnly"));
        }
    }
}
