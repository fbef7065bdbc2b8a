package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.meeting.MeetingTypes.Resolution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolutions as the form's rows ({@code text}, {@code yes}, {@code no}, {@code abstain}; the form has checked
 * each cell). Those entitled to vote and present come from the roll and the sign-in, so they cannot disagree with
 * the attendance; a count the recorder gave ({@code entitled}, {@code present}) must agree with them.
 */
final class ResolutionRows {

    private ResolutionRows() {
    }

    /** {@code whatKey}: the counted thing's name, a key in the refusals bundle. */
    static void agree(Object given, int counted, String field, String whatKey) {
        if (given instanceof Number n && n.longValue() != counted) {
            throw InvalidInputException.of("data." + field, Refusal.of("meeting.countMismatch", Refusal.of(whatKey), String.valueOf(counted), String.valueOf(n.longValue())));
        }
    }

    static List<Resolution> of(Object rows, int entitled, int present, LocalDate meetingDate) {
        List<Resolution> out = new ArrayList<>();
        List<InvalidInputException.Violation> problems = new ArrayList<>();
        if (!(rows instanceof List<?> list)) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> row = (Map<?, ?>) list.get(i);
            int yes = count(row.get("yes"));
            int no = count(row.get("no"));
            int abstain = count(row.get("abstain"));
            if (yes + no + abstain > present) {
                problems.add(new InvalidInputException.Violation("data.resolutions[" + i + "]", Refusal.of("meeting.votesExceedPresent", String.valueOf(i + 1), String.valueOf(yes + no + abstain), String.valueOf(present))));
            }
            out.add(new Resolution(String.valueOf(row.get("text")), entitled, present, yes, no, abstain, meetingDate));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    private static int count(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
