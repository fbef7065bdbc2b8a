package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.meeting.MeetingTypes.Resolution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolutions as the recorder types them, one per line: {@code 内容｜赞成｜反对｜弃权}. Those entitled to vote and
 * present are not typed: they come from the roll and the sign-in, so they cannot disagree with the attendance.
 */
final class ResolutionLines {

    private ResolutionLines() {
    }

    static List<Resolution> parse(String text, int entitled, int present, LocalDate meetingDate) {
        List<Resolution> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s*[|｜]\\s*");
            if (parts.length != 4 || parts[0].isBlank()) {
                throw refused(n, "应为“决议内容｜赞成票｜反对票｜弃权票”");
            }
            int yes;
            int no;
            int abstain;
            try {
                yes = Integer.parseInt(parts[1]);
                no = Integer.parseInt(parts[2]);
                abstain = Integer.parseInt(parts[3]);
            } catch (NumberFormatException e) {
                throw refused(n, "票数须为整数");
            }
            if (yes < 0 || no < 0 || abstain < 0) {
                throw refused(n, "票数不能为负");
            }
            if (yes + no + abstain > present) {
                throw refused(n, "赞成、反对、弃权票合计 " + (yes + no + abstain) + " 超过实到有表决权的党员 " + present + " 人");
            }
            out.add(new Resolution(parts[0], entitled, present, yes, no, abstain, meetingDate));
        }
        return out;
    }

    private static InvalidInputException refused(int line, String why) {
        return InvalidInputException.of("data.resolutions", "第 " + (line + 1) + " 行：" + why);
    }
}
