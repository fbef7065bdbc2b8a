package cn.xianfeng.testing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ByContextOrderTest {

    @SpringBootTest(properties = "a=1")
    @ContextConfiguration(initializers = RealPostgresInitializer.class)
    static class First {
    }

    @SpringBootTest(properties = "b=2")
    @ContextConfiguration(initializers = RealPostgresInitializer.class)
    static class Second {
    }

    @ContextConfiguration(initializers = RealPostgresInitializer.class)
    @SpringBootTest(properties = "a=1")
    static class SameAsFirst {
    }

    static class Plain {
    }

    @Test
    void classesOfOneContextShareASignatureWhateverTheAnnotationsOrderAndPlainOnesComeLast() {
        assertThat(ByContextOrder.signature(SameAsFirst.class)).isEqualTo(ByContextOrder.signature(First.class));
        assertThat(ByContextOrder.signature(Second.class)).isNotEqualTo(ByContextOrder.signature(First.class));
        assertThat(ByContextOrder.signature(Plain.class)).isEqualTo("~")
                .isGreaterThan(ByContextOrder.signature(First.class)).isGreaterThan(ByContextOrder.signature(Second.class));
    }
}
