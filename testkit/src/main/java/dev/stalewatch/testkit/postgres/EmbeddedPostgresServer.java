package dev.stalewatch.testkit.postgres;

import dev.stalewatch.local.PostgresBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's bundled binaries) run as a child process of the test JVM. It starts
 * with fsync and synchronous_commit off: fast, and durability is not what tests here measure.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final long startMillis;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, long startMillis) {
        this.postgres = postgres;
        this.startMillis = startMillis;
    }

    static EmbeddedPostgresServer start() {
        long started = System.currentTimeMillis();
        try {
            PostgresBinaries binaries = PostgresBinaries.inTempDirectory(
                note -> System.out.println("[stalewatch-testkit] " + note));
            binaries.prepare();
            EmbeddedPostgres postgres = binaries.builder()
                // every service under test opens a pool; the default 100 runs out with a few in parallel
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
            return new EmbeddedPostgresServer(postgres, System.currentTimeMillis() - started);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String adminDatabase() {
        return "postgres";
    }

    @Override
    public String user() {
        return USER;
    }

    // zonky trusts local connections; clients that insist on a password get this one
    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL (zonky) on port " + postgres.getPort();
    }

    @Override
    public long startMillis() {
        return startMillis;
    }
}
