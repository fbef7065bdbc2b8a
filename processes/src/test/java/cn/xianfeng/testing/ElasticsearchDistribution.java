package cn.xianfeng.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch server zip from Maven Central ({@code org.elasticsearch.distribution.integ-test-zip}),
 * which processes/pom.xml declares as a test dependency so that Maven downloads it into the local repository.
 * It is unpacked once into {@code ${java.io.tmpdir}/xianfeng-es-VERSION/} and reused across runs.
 */
final class ElasticsearchDistribution {

    private ElasticsearchDistribution() {
    }

    /** The unpacked ES home directory, unpacking the zip first if needed. */
    static Path home(String version) {
        Path cache = cacheDir(version);
        Path home = cache.resolve("elasticsearch-" + version);
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            unpack(zip(version), cache, home);
        }
        return home;
    }

    static Path cacheDir(String version) {
        return Path.of(System.getProperty("java.io.tmpdir"), "xianfeng-es-" + version);
    }

    static Path zip(String version) {
        String explicit = System.getProperty("xianfeng.es.zip");
        Path zip;
        if (explicit != null) {
            zip = Path.of(explicit);
        } else {
            String repo = System.getProperty("maven.repo.local",
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
            zip = Path.of(repo, "org/elasticsearch/distribution/integ-test-zip/elasticsearch", version,
                    "elasticsearch-" + version + ".zip");
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch zip not found at " + zip + ". Let Maven fetch it "
                    + "(mvn -pl processes dependency:resolve), or set -Dxianfeng.es.zip=..., or point "
                    + "XIANFENG_TEST_ELASTICSEARCH_URIS at a running server.");
        }
        return zip;
    }

    private static void unpack(Path zip, Path cache, Path home) {
        try {
            Files.createDirectories(cache);
            // Unpack beside the target and rename: concurrent JVMs (parallel module builds) must never see half a tree.
            Path staging = Files.createTempDirectory(cache, "unpacking-");
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zf.entries(); entries.hasMoreElements(); ) {
                    extract(zf, entries.nextElement(), staging);
                }
            }
            Path unpacked = staging.resolve(home.getFileName());
            // java.util.zip drops Unix modes; only the launcher scripts need to be executable.
            try (Stream<Path> bin = Files.list(unpacked.resolve("bin"))) {
                bin.forEach(p -> p.toFile().setExecutable(true, false));
            }
            unprivilegedUser().ifPresent(user -> chown(staging, user));
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherJvmWon) {
                // fine: identical content
            }
            deleteTree(staging);
            unprivilegedUser().ifPresent(user -> chownOne(cache, user));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + cache, e);
        }
    }

    private static void extract(ZipFile zf, ZipEntry entry, Path into) throws IOException {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
            throw new IOException("Zip entry outside the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zf.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Elasticsearch refuses to run as root. When we are root, it runs as this user (system property
     * {@code xianfeng.es.user}, default {@code nobody}), which must own every directory ES writes to.
     */
    static Optional<UserPrincipal> unprivilegedUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of("/").getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(unprivilegedUserName()));
        } catch (IOException e) {
            throw new UncheckedIOException("No user " + unprivilegedUserName() + " to run Elasticsearch as", e);
        }
    }

    static String unprivilegedUserName() {
        return System.getProperty("xianfeng.es.user", "nobody");
    }

    static void chown(Path tree, UserPrincipal user) {
        try (Stream<Path> all = Files.walk(tree)) {
            all.forEach(p -> chownOne(p, user));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chownOne(Path p, UserPrincipal user) {
        try {
            Files.setOwner(p, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> all = Files.walk(tree)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
