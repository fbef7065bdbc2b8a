package cn.xianfeng.meeting.internal;

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

    static void agree(Object given, int counted, String field, String what) {
        if (given instanceof Number n && n.longValue() != counted) {
            throw InvalidInputException.of("data." + field, what + "按名册和签到为 " + counted + " 人，与填写的 "
                    + n.longValue() + " 人不符");
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
                problems.add(new InvalidInputException.Violation("data.resolutions[" + i + "]", "第 " + (i + 1)
                        + " 行：赞成、反对、弃权票合计 " + (yes + no + abstain) + " 超过实到有表决权的党员 " + present + " 人"));
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
