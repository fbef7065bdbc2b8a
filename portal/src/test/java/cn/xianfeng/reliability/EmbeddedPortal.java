package cn.xianfeng.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portal on its embedded default, as {@code scripts/run} starts it (no datasource configured: the embedded
 * PostgreSQL in the given data directory, demo data, no admin password given), as a separate JVM.
 */
final class EmbeddedPortal {

    private EmbeddedPortal() {
    }

    record Started(PortalProcess portal, Path dataDir, int databasePort) {

        Path secret(String name) {
            return dataDir.resolve("secrets").resolve(name);
        }

        String read(String secretName) {
            try {
                return Files.readString(secret(secretName), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Started start(Path dataDir, Path log, String... extraArgs) {
        int port = PortalProcess.freePort();
        int databasePort = PortalProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                // the documented value for "the embedded default", in case the environment names a server
                "--spring.datasource.url=embedded",
                "--xianfeng.data-dir=" + dataDir.toAbsolutePath(),
                "--xianfeng.embedded-postgres.port=" + databasePort));
        args.addAll(List.of(extraArgs));
        return new Started(PortalProcess.start(port, Map.of(), args, log), dataDir.toAbsolutePath(), databasePort);
    }
}
