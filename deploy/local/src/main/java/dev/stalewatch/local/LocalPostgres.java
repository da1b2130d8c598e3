package dev.stalewatch.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one-machine PostgreSQL: a real server (zonky's bundled binaries) whose data lives under
 * {@code .stalewatch/postgres} and survives restarts. Unlike in tests, fsync and synchronous commit
 * stay on: this data must survive a crash. Runs until killed.
 *
 * <p>Usage: {@code LocalPostgres <data-dir> <port> <binaries-dir>}; the binaries are unpacked into the
 * last one on the first start ({@link PostgresBinaries}).
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    /**
     * zonky reads the binaries' archive (14 MB for PostgreSQL 14 on linux-x86_64) into a growing buffer
     * and copies it at every start; with less heap a start fails, or works until the archive grows.
     * 100 MB is what {@code -Xmx128m} gives under any collector.
     */
    static final long MIN_HEAP_BYTES = 100L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalPostgres <data-dir> <port> <binaries-dir>");
            System.exit(2);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < MIN_HEAP_BYTES) {
            System.err.println("LocalPostgres needs a heap of at least " + MIN_HEAP_BYTES / (1024 * 1024)
                    + " MB (-Xmx128m): zonky holds PostgreSQL's binaries archive in memory at every start; this"
                    + " JVM has " + heap / (1024 * 1024) + " MB");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(data);
        PostgresBinaries binaries = new PostgresBinaries(Path.of(args[2]), note -> System.out.println("note: " + note));
        binaries.prepare();
        EmbeddedPostgres postgres = binaries.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
        }, "postgres-stop"));
        createDatabase(postgres, "stalewatch");
        System.out.println("PostgreSQL ready on port " + port + ", data in " + data);
        Thread.currentThread().join();
    }

    private static void createDatabase(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        }
    }
}
