package cn.xianfeng.workflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubtreeTest {

    /** Byte order, as text_pattern_ops compares. */
    private static boolean within(Subtree s, String path) {
        return java.util.Arrays.compare(path.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.from().getBytes(java.nio.charset.StandardCharsets.UTF_8)) >= 0
                && java.util.Arrays.compare(path.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.until().getBytes(java.nio.charset.StandardCharsets.UTF_8)) < 0;
    }

    @Test
    void holdsTheOrgAndEverythingBelowItButNotItsSiblingsWhoseCodesStartTheSame() {
        Subtree t = Subtree.of("/BC/BC-T01/");
        assertThat(t.until()).isEqualTo("/BC/BC-T010");
        assertThat(within(t, "/BC/BC-T01/")).isTrue();
        assertThat(within(t, "/BC/BC-T01/BC-T01-B07/")).isTrue();
        assertThat(within(t, "/BC/BC-T01/党支部~/")).isTrue();
        assertThat(within(t, "/BC/BC-T010/")).isFalse();
        assertThat(within(t, "/BC/BC-T01-X/")).isFalse();
        assertThat(within(t, "/BC/BC-T02/")).isFalse();
        assertThat(within(t, "/BC/")).isFalse();
    }

    @Test
    void refusesAPathThatIsNotAnOrgsPath() {
        assertThatThrownBy(() -> Subtree.of("/BC/BC-T01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subtree.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
