package cn.xianfeng.evidence.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address documents print: required and not loopback outside the demo; the server's own port in the demo. */
class PublicUrlTest {

    @Test
    void outsideTheDemoAMissingOrLoopbackAddressRefusesToStart() {
        MockEnvironment env = new MockEnvironment();
        for (String url : new String[]{"", "http://localhost:8080", "http://127.0.0.1", "http://[::1]:8080",
                "https://portal.localhost/"}) {
            assertThatThrownBy(() -> new PublicUrl(url, false, env)).as(url).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("XIANFENG_PUBLIC_URL");
        }
        assertThatThrownBy(() -> new PublicUrl("ftp://dangjian.example.gov.cn", false, env))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new PublicUrl("https://dangjian.example.gov.cn/", false, env).verifyUrl("ABC"))
                .isEqualTo("https://dangjian.example.gov.cn/api/public/verify/ABC");
    }

    @Test
    void inTheDemoItDefaultsToThisServersOwnPort() {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "9090");
        PublicUrl url = new PublicUrl("", true, env);
        assertThat(url.base()).isEqualTo("http://localhost:9090");
        env.setProperty("local.server.port", "43210");
        assertThat(url.base()).as("the port the server actually took").isEqualTo("http://localhost:43210");
        assertThat(new PublicUrl("http://192.168.1.20:8080", true, env).base()).isEqualTo("http://192.168.1.20:8080");
    }
}
