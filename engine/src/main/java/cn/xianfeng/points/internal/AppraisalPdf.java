package cn.xianfeng.points.internal;

import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.Documents.NewDocument;
import cn.xianfeng.evidence.Pdf;
import cn.xianfeng.points.AppraisalTypes.Appraisal;
import cn.xianfeng.points.AppraisalTypes.AppraisalRow;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The branch's 年度评议 as a signed PDF issued through Documents (kind POINTS_APPRAISAL, verifiable at
 * /api/public/verify): each party member by name with their points, the points' score, the 民主评议 grade and the
 * result, and how the result is computed. A branch has at most {@link #MAX_ROWS} rows (about 20 pages).
 */
@Component
public class AppraisalPdf {

    public static final String KIND = "POINTS_APPRAISAL";
    public static final int MAX_ROWS = 600;

    private final Documents documents;
    private final AssessmentRows rows;
    private final Clock clock;

    AppraisalPdf(Documents documents, AssessmentRows rows, Clock clock) {
        this.documents = documents;
        this.rows = rows;
        this.clock = clock;
    }

    /** Issues the PDF of the appraisal (at most MAX_ROWS members, the caller checked) and returns its code. */
    public String issue(Appraisal a, String actor) {
        String title = a.name() + a.year() + "年度党员评议表";
        String code = documents.issue(new NewDocument(KIND, null, title, a.name(), a.org(), null), ctx -> {
            Pdf pdf = ctx.pdf();
            pdf.title(title);
            pdf.facts(List.of(new String[]{"党组织", a.name()}, new String[]{"评议年度", a.year() + " 年"},
                    new String[]{"参评党员", a.members().size() + " 人"},
                    new String[]{"本支部最高积分", a.bestPoints() + " 分"}));
            pdf.paragraph("评议结果 = 积分折算分 × 60% + 民主评议得分 × 40%。积分折算分 = 本人年度积分 ÷ 本支部党员最高年度积分 × 100"
                    + "（积分为零或负数的折算为 0）；民主评议得分：优秀 100，合格 80，基本合格 60，不合格 0。");
            List<String[]> lines = new ArrayList<>();
            int n = 0;
            for (AppraisalRow r : a.members()) {
                lines.add(new String[]{String.valueOf(++n), r.name(), String.valueOf(r.points()),
                        String.valueOf(r.pointsScore()), r.grade() == null ? "未评议" : r.grade().label(),
                        r.gradeScore() == null ? "—" : String.valueOf(r.gradeScore()),
                        r.result() == null ? "—" : String.valueOf(r.result())});
            }
            pdf.table(new String[]{"序号", "姓名", "年度积分", "积分折算分", "民主评议", "评议得分", "评议结果"}, lines,
                    new float[]{0.8f, 2, 1.3f, 1.4f, 1.4f, 1.3f, 1.3f});
            pdf.signatures("支部书记", "党支部（盖章）");
            pdf.small("验证码 " + ctx.code());
        }, actor).document().code();
        rows.insertDocument(code, a.org(), a.year(), clock.instant());
        return code;
    }
}
