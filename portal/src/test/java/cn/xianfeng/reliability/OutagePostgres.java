package cn.xianfeng.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A PostgreSQL of the test's own that can be stopped and started again on the same port and data directory,
 * as a database restart looks to the portal (the shared server of RealServices must stay up for other tests).
 */
final class OutagePostgres implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    private OutagePostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    static OutagePostgres start(Path data) throws IOException {
        OutagePostgres pg = new OutagePostgres(data, PortalProcess.freePort());
        pg.restart();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Fast shutdown: open transactions are rolled back, connections cut. */
    void stop() throws IOException {
        server.close();
        server = null;
    }

    void restart() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            stop();
        }
    }
}
