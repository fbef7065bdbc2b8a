package cn.xianfeng.portal.assets;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bpmn-js bundle as served: no markup string left with a style attribute (the CSP would refuse each). */
class DiagramScriptTest {

    @Test
    void everyStyleAttributeOfTheBundlesMarkupIsCutAndTheUrlIsTheContentsMd5() {
        DiagramScript script = new DiagramScript();
        // bpmn-js 8.0.0: overlay container, overlays, overlay, logo svg, lightbox (3), lightbox link, powered-by link,
        // the text-measuring helper svg; another version must be looked at (and diagram.css given its rules) first
        assertThat(script.removed()).isEqualTo(10);
        String js = script.source();
        assertThat(Pattern.compile("<[a-z]+ [^<>]*style=").matcher(js).find()).as("a style attribute left in markup")
                .isFalse();
        assertThat(js).doesNotContain("style:\"visibility").contains("{id:\"helper-svg\",width:0,height:0}")
                .contains("class=\"djs-overlay-container\"").contains("class=\"bjs-powered-by\"");
        assertThat(script.path()).matches("/js/bpmn-viewer-[0-9a-f]{32}\\.js");
        assertThat(script.path()).contains(org.springframework.util.DigestUtils.md5DigestAsHex(
                js.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
