package cn.xianfeng.portal.api;

import cn.xianfeng.workflow.OwedReconciliation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** 谁欠谁's read model compared with the engine and repaired now, by the system administrator (it also runs nightly). */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMIN)
@RestController
class OwedAdminApi {

    private final OwedReconciliation reconciliation;

    OwedAdminApi(OwedReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Compare the who-owes-what read model with the engine's open tasks "
            + "and repair what differs (system administrator); the counts of what differed")
    @PostMapping("/api/admin/owed/reconcile")
    OwedReconciliation.Result reconcile(Principal user) {
        return reconciliation.reconcile(user.getName());
    }
}
