package cn.xianfeng.testing;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs test classes that share a Spring context one after another, so that each context starts once and, with the
 * context cache kept small ({@code spring.test.context.cache.maxSize} in spring.properties), no idle context keeps
 * polling PostgreSQL on the two cores while other classes run. Classes without a Spring context run last.
 * Chosen in junit-platform.properties ({@code junit.jupiter.testclass.order.default}).
 */
public final class ByContextOrder implements ClassOrderer {

    /** The annotations that make up Spring's context cache key, by simple name (this jar does not need Spring). */
    private static final Set<String> CONTEXT_KEYS = Set.of("SpringBootTest", "ContextConfiguration",
            "TestPropertySource", "ActiveProfiles", "Import", "MockitoBean", "WebAppConfiguration");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> signature(d.getTestClass()))
                .thenComparing(d -> d.getTestClass().getName()));
    }

    static String signature(Class<?> test) {
        Set<String> parts = new TreeSet<>();
        for (Class<?> c = test; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Annotation a : c.getDeclaredAnnotations()) {
                if (CONTEXT_KEYS.contains(a.annotationType().getSimpleName())) {
                    parts.add(a.toString());
                }
            }
        }
        // "~" sorts after every annotation's "@": plain classes (and the ones starting their own portals) come last
        return parts.isEmpty() ? "~" : String.join("|", parts);
    }
}
