package cn.xianfeng.portal;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan behind CodeLeakScanTest finds the leaks issue 16 saw, and leaves attributes and labelled text alone. */
class CodeScanTest {

    private final CodeScan scan = new CodeScan(Set.of("review", "outgoingCheck", "step01"));

    @Test
    void findsTheLeaksSeenInIssue16() {
        String page = "<p>环节 review</p><td>step01</td><span>COMMITTEE · 15</span><dd>BASICALLY_SATISFIED</dd>"
                + "<li>对办理单位匿名 false</li><a>0b0d7c1e-6a3e-4c55-9a71-3f1f0c7f2a10.pdf</a><td>C01-T2-B1</td>"
                + "<figcaption>complaint-routing.dmn</figcaption><h1>我的会议（2,026 年）</h1><p>PERSON_CREATED</p>";
        assertThat(scan.codes(CodeScan.visible(page), true)).hasSize(10);
    }

    @Test
    void attributesScriptsCodeColumnsAndShownCodesAreNotRead() {
        String page = "<a href=\"/cases/0b0d7c1e-6a3e-4c55-9a71-3f1f0c7f2a10\" data-type=\"COMMITTEE\">办结任务</a>"
                + "<script>var s = 'TASK_COMPLETED';</script><code>C01-T1-B1</code><td class=\"code\">step01</td>"
                + "<p>验证码 ： ABCDEFGH</p><p>https://xianfeng.example/api/public/verify/QWERTYUI</p><p>受理编号 TS******UFWE</p><p>下载 PDF（SHA-256）</p>";
        assertThat(scan.codes(CodeScan.visible(page), true)).isEmpty();
        assertThat(scan.codes("Review the case", false)).as("English words are not step ids in English").isEmpty();
    }
}
