package cn.xianfeng.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFilesTest {

    @Test
    void concurrentFirstCallsAllGetTheOneSecretThatLandedInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets").resolve("x.password");
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SecretFiles.Secret>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return SecretFiles.readOrCreate(file);
                }));
            }
            go.countDown();
            List<SecretFiles.Secret> secrets = new ArrayList<>();
            for (Future<SecretFiles.Secret> f : results) {
                secrets.add(f.get());
            }
            Set<String> values = secrets.stream().map(SecretFiles.Secret::value).collect(Collectors.toSet());
            assertThat(values).hasSize(1);
            assertThat(secrets.stream().filter(SecretFiles.Secret::generated).count()).as("generated once").isEqualTo(1);
            assertThat(Files.readString(file).strip()).isEqualTo(values.iterator().next()).matches("[A-Za-z0-9_-]{24}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            try (var left = Files.list(file.getParent())) {
                assertThat(left.toList()).as("no temporary files left").containsExactly(file);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecretFileReadableByOthersIsNarrowedAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("copied.password");
        Files.writeString(file, "set-by-hand\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretFiles.Secret secret = SecretFiles.readOrCreate(file);
        assertThat(secret.value()).isEqualTo("set-by-hand");
        assertThat(secret.generated()).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
