package cn.xianfeng.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A local process talking to the embedded PostgreSQL as an attacker would: the {@code psql} client when it is
 * installed (a real client connection, nothing of the portal's code), else a plain JDBC connection.
 */
final class Psql {

    record Result(int exitCode, String output) {

        boolean refused() {
            return exitCode != 0;
        }
    }

    private static final Path PSQL = findPsql();

    private Psql() {
    }

    static boolean viaPsql() {
        return PSQL != null;
    }

    /** One statement as {@code user} with {@code password} (null: none given, and never asked for). */
    static Result run(int port, String user, String password, String sql) throws Exception {
        return PSQL != null ? psql(port, user, password, sql) : jdbc(port, user, password, sql);
    }

    private static Result psql(int port, String user, String password, String sql) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(PSQL.toString(), "-X", "-w", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql).redirectErrorStream(true);
        pb.environment().remove("PGPASSWORD");
        pb.environment().put("PGPASSFILE", "/dev/null");
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql did not finish: " + sql);
        }
        return new Result(p.exitValue(), out.strip());
    }

    private static Result jdbc(int port, String user, String password, String sql) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
             Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
            return new Result(0, String.join("\n", rows));
        } catch (SQLException e) {
            return new Result(e.getSQLState() != null && e.getSQLState().startsWith("08") ? 2 : 1, "ERROR: " + e.getMessage());
        }
    }

    private static Path findPsql() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "psql");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
