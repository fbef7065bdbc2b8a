package cn.xianfeng.portal.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes the embedded server ask every connection for a password (SCRAM-SHA-256) before it first listens.
 * zonky initialises a data directory with {@code trust} for everyone, and older Xianfeng versions ran on such
 * directories: whenever pg_hba.conf is not ours (or the password file was just generated), the superuser's password
 * is set in single-user mode (no socket open, no window in which a local process gets in without one), and then
 * pg_hba.conf is replaced. Runs as zonky's data directory customizer: after initdb, before the postmaster starts.
 */
final class PasswordAuthentication implements Consumer<File> {

    private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);
    static final String MARKER = "# Written by Xianfeng: every connection authenticates with a password (SCRAM-SHA-256).";
    static final String HBA = MARKER + """

            # The passwords are in the data directory's secrets/ (owner-only); see the README's security section.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final String superuserPassword;
    private final boolean passwordJustGenerated;

    PasswordAuthentication(String superuserPassword, boolean passwordJustGenerated) {
        this.superuserPassword = superuserPassword;
        this.passwordJustGenerated = passwordJustGenerated;
    }

    @Override
    public void accept(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            boolean ours = Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(MARKER);
            if (ours && !passwordJustGenerated) {
                return;
            }
            setSuperuserPassword(dataDirectory);
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            log.info(ours ? "Embedded PostgreSQL: new superuser password set (the password file was missing)"
                    : "Embedded PostgreSQL: password authentication (SCRAM) enabled in {}", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ALTER ROLE in a single-user backend; the statement carries the SCRAM verifier, never the password. */
    private void setSuperuserPassword(File dataDirectory) throws IOException {
        String verifier = PasswordUtil.encodeScramSha256(superuserPassword.toCharArray());
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does when running as root: PostgreSQL refuses to run as root, a user namespace is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binary("postgres"), "--single", "-D", dataDirectory.getPath(), "-F",
                "-c", "listen_addresses=", "postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(("ALTER ROLE postgres WITH PASSWORD '" + verifier + "';\n")
                .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("single-user PostgreSQL did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("could not set the superuser's password in " + dataDirectory + " (exit "
                    + process.exitValue() + "): " + output.strip());
        }
    }

    /**
     * The directory zonky extracted its PostgreSQL binaries to. zonky has no public accessor; its own (cached,
     * idempotent) preparation method is called, so the single-user backend is exactly the server zonky runs.
     */
    private static String binary(String name) {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            File pgDir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return new File(pgDir, "bin/" + name).getPath();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot locate zonky's PostgreSQL binaries (zonky upgraded?); "
                    + "see the README's security section to set the password by hand", e);
        }
    }
}
