package cn.xianfeng.portal.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Excerpts from either index come apart into text pieces; nothing in them survives as markup. */
class HighlightedTest {

    @Test
    void theMatchIsMarkedAndEntitiesBecomeTheCharactersTheyStandFor() {
        // what PostgreSQL's excerpt and Elasticsearch's HTML encoder (&#x27; &#x2F;) produce
        var h = Highlighted.of("…&lt;b&gt;同意&lt;&#x2F;b&gt; <em>党课</em>签到 &#39;x&#x27; &amp;amp;");
        assertThat(h.pieces()).containsExactly(
                new Highlighted.Piece("…<b>同意</b> ", false),
                new Highlighted.Piece("党课", true),
                new Highlighted.Piece("签到 'x' &amp;", false));
    }

    @Test
    void unexpectedMarkupStaysTextAndAnUnclosedMarkEndsWithTheExcerpt() {
        var h = Highlighted.of("<script>x</script><em>a");
        assertThat(h.pieces()).containsExactly(new Highlighted.Piece("<script>x</script>", false),
                new Highlighted.Piece("a", true));
        assertThat(Highlighted.of(null).pieces()).isEmpty();
        assertThat(Highlighted.unescape("&#1114112; &bogus; &#xD800;")).isEqualTo("\uFFFD &bogus; \uFFFD");
    }
}
