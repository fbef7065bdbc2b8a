package cn.xianfeng.meeting;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.meeting.MeetingTypes.BranchRow;
import cn.xianfeng.meeting.MeetingTypes.Cell;
import cn.xianfeng.meeting.MeetingTypes.CellStatus;
import cn.xianfeng.meeting.MeetingTypes.Grid;
import cn.xianfeng.meeting.internal.ComplianceCheck;
import cn.xianfeng.meeting.internal.ComplianceFlags;
import cn.xianfeng.meeting.internal.ComplianceRule;
import cn.xianfeng.meeting.internal.Frequencies;
import cn.xianfeng.meeting.internal.Frequency;
import cn.xianfeng.meeting.internal.MeetingRows;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whether branches hold their meetings as often as each type requires: a committee's grid of its branches by
 * meeting type (last held, next due, overdue), and the check that flags a branch and gives its secretary a task.
 */
@Service
public class MeetingCompliance {

    private final Orgs orgs;
    private final OrgAuthority authority;
    private final MeetingRows rows;
    private final ComplianceFlags flags;
    private final Frequencies frequencies;
    private final ComplianceCheck check;
    private final ComplianceRule rule;
    private final Clock clock;

    MeetingCompliance(Orgs orgs, OrgAuthority authority, MeetingRows rows, ComplianceFlags flags,
                      Frequencies frequencies, ComplianceCheck check, ComplianceRule rule, Clock clock) {
        this.rule = rule;
        this.orgs = orgs;
        this.authority = authority;
        this.rows = rows;
        this.flags = flags;
        this.frequencies = frequencies;
        this.check = check;
        this.clock = clock;
    }

    /** Flags every branch that missed a frequency in the last period and starts its 补开/说明 case; new flags. */
    public int check() {
        return check.run();
    }

    public Grid grid(String orgCode, String viewer) {
        return grid(orgCode, viewer, null);
    }

    /**
     * The grid as it stood at the end of the day asOf: an earlier period looked back on. Null or a day after
     * today means today (the future has held no meetings).
     */
    public Grid grid(String orgCode, String viewer, LocalDate asOf) {
        if (orgs.find(orgCode).isEmpty() || !authority.mayRead(viewer, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        LocalDate now = LocalDate.now(clock);
        LocalDate today = asOf == null || asOf.isAfter(now) ? now : asOf;
        List<Org> branches = orgs.subtree(orgCode).stream()
                .filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GENERAL_BRANCH).toList();
        Set<String> open = flags.open(branches.stream().map(Org::code).toList());
        List<BranchRow> out = new ArrayList<>();
        for (Org b : branches) {
            ComplianceRule.Branch facts = rule.branch(b);
            List<Cell> cells = Arrays.stream(MeetingType.values()).map(t -> cell(facts, t, today,
                    open.contains(b.code() + "/" + t.name()))).toList();
            out.add(new BranchRow(b.code(), b.name(), cells.stream().noneMatch(c -> c.status() == CellStatus.OVERDUE),
                    cells));
        }
        return new Grid(orgCode, orgs.get(orgCode).name(), List.of(MeetingType.values()), out, today);
    }

    private Cell cell(ComplianceRule.Branch branch, MeetingType type, LocalDate today, boolean flagged) {
        Frequency f = frequencies.of(type);
        if (!branch.holds(type)) {
            return new Cell(type, f.name(), null, null, CellStatus.NOT_HELD, flagged, null);
        }
        Frequency.Period current = f.periodOf(today);
        Frequency.Period previous = f.previous(today);
        MeetingRows.Held held = rows.lastHeldMeeting(branch.code(), type, today).orElse(null);
        LocalDate last = held == null ? null : held.date();
        boolean heldNow = last != null && !last.isBefore(current.start());
        boolean heldBefore = last != null && !last.isBefore(previous.start());
        CellStatus status;
        if (heldNow) {
            status = CellStatus.HELD;
        } else if (!heldBefore && branch.owes(type, previous)) {
            status = CellStatus.OVERDUE; // the last period passed without one, and none was made up since
        } else {
            status = CellStatus.DUE;
        }
        LocalDate nextDue = heldNow ? f.next(today).end() : current.end();
        return new Cell(type, f.name(), last, nextDue, status, flagged, held == null ? null : held.caseId());
    }
}
