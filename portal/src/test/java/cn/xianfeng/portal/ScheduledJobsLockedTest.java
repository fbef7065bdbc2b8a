package cn.xianfeng.portal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @Scheduled} method of the engine and the portal runs on one node per period: it carries
 * {@code @SchedulerLock} with a unique name and {@code lockAtLeastFor} (its interval), and is public so that
 * ShedLock's proxy sees the call. A new job without its lock fails here.
 */
class ScheduledJobsLockedTest {

    @Test
    void everyScheduledMethodHoldsAClusterLockForItsPeriod() throws Exception {
        // every class, whatever its conditions (a scan for components would skip @ConditionalOnWebApplication ones)
        var resolver = new PathMatchingResourcePatternResolver();
        var readers = new SimpleMetadataReaderFactory(resolver);
        List<String> jobs = new ArrayList<>();
        List<String> unlocked = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Resource resource : resolver.getResources("classpath*:cn/xianfeng/**/*.class")) {
            Class<?> type = Class.forName(readers.getMetadataReader(resource).getClassMetadata().getClassName(), false,
                    getClass().getClassLoader());
            for (Method m : type.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(m, Scheduled.class)) {
                    continue;
                }
                String job = type.getSimpleName() + "." + m.getName();
                jobs.add(job);
                SchedulerLock lock = AnnotatedElementUtils.findMergedAnnotation(m, SchedulerLock.class);
                if (lock == null || lock.name().isBlank() || lock.lockAtLeastFor().isBlank()
                        || !Modifier.isPublic(m.getModifiers()) || !names.add(lock.name())) {
                    unlocked.add(job);
                }
            }
        }
        assertThat(jobs).as("the known jobs are found").contains("AuditAnchorJob.scheduled", "ComplianceJob.run",
                "RetentionJob.run", "SessionCleanup.deleteExpired", "OutstandingPublications.resubmit", "UnboundUploads.expire",
                "TimeChecks.scheduled");
        assertThat(unlocked).as("@Scheduled without a public @SchedulerLock(name unique, lockAtLeastFor)").isEmpty();
    }
}
