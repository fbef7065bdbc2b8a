package cn.xianfeng.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Secrets the application generates for itself when nobody configured one (the embedded database's passwords,
 * the development keystore's password, the first administrator's password): random, written once into a file
 * that only the owner may read (0600, in a 0700 directory), never printed.
 */
public final class SecretFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret and whether this call generated it. */
    public record Secret(String value, boolean generated) {
    }

    private SecretFiles() {
    }

    /**
     * The data directory: the configured one, else one under the temporary directory (engine tests, tools).
     * Not {@code /tmp/xianfeng}, which versions before the generated keystore password use with a constant one.
     */
    public static Path dataDir(String configured) {
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "xianfeng-dev") : Path.of(configured);
    }

    /** 144 random bits as 24 URL-safe characters (letters, digits, '-', '_'): no quoting needed anywhere. */
    public static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The secret kept in {@code file}, generated and written first when the file does not exist. Concurrent first
     * calls (several JVMs on one data directory) all end up with the value that landed first.
     */
    public static Secret readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new Secret(read(file), false);
            }
            Path temp = writeTemp(file, random());
            try {
                // link(2) fails if the name exists: the first writer wins, atomically, with a complete file
                Files.createLink(file, temp);
                return new Secret(read(file), true);
            } catch (FileAlreadyExistsException lost) {
                return new Secret(read(file), false);
            } catch (UnsupportedOperationException noHardLinks) {
                return moveIfAbsent(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Replaces the content of {@code file} atomically, owner-only. */
    public static void write(Path file, String value) {
        try {
            Path temp = writeTemp(file, value);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Creates {@code dir} (and parents) if needed; a directory this creates is readable by the owner only. */
    public static Path ownerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, dirAttributes());
                } catch (FileAlreadyExistsException concurrent) {
                    // another JVM made it first
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Narrows {@code file} to owner-only if it is readable by others (a file copied in by hand). */
    public static void restrictToOwner(Path file) {
        if (!POSIX || !Files.exists(file)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        restrictToOwner(file);
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException(file + " is empty: delete it to have a new secret generated");
        }
        return value;
    }

    private static Path writeTemp(Path file, String value) throws IOException {
        Path dir = ownerOnlyDirectory(file.toAbsolutePath().getParent());
        Path temp = POSIX ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
        return temp;
    }

    private static Secret moveIfAbsent(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file);
            return new Secret(read(file), true);
        } catch (FileAlreadyExistsException lost) {
            return new Secret(read(file), false);
        }
    }

    private static FileAttribute<?>[] dirAttributes() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)} : new FileAttribute<?>[0];
    }
}
