package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.workflow.Owed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What 谁欠谁 shows, the page and the API alike: who owes which tasks, this month's dues collection and the members
 * most behind, read in one read-only transaction. Each part alone took its own pooled connection per statement
 * (eleven for one township's view); together they take one.
 */
@Component
public class OwedReading {

    private final Owed owed;
    private final DuesCollection dues;

    OwedReading(Owed owed, DuesCollection dues) {
        this.owed = owed;
        this.dues = dues;
    }

    public record Read(Owed.View tasks, DuesTypes.MonthDues month, DuesTypes.ArrearsView arrears) {
    }

    /** The view of the org's subtree (404 for an org the viewer may not read), the first {@code arrearsShown} arrears. */
    @Transactional(readOnly = true)
    public Read of(String org, String viewer, int arrearsShown) {
        return new Read(owed.of(org, viewer), dues.thisMonth(org, viewer), dues.arrears(org, viewer, arrearsShown));
    }

    /** Everything for a workbook, bounded by its caps. */
    @Transactional(readOnly = true)
    public Read export(String org, String viewer, int maxTaskRows, int arrearsShown) {
        return new Read(owed.export(org, viewer, maxTaskRows), dues.thisMonth(org, viewer),
                dues.arrears(org, viewer, arrearsShown));
    }
}
