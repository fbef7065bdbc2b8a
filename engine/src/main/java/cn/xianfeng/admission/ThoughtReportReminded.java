package cn.xianfeng.admission;

/** An applicant, activist or candidate was reminded that this quarter's 思想汇报 is still missing. */
public record ThoughtReportReminded(String username, String quarter, String text) {
}
