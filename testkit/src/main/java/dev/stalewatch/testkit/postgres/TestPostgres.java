package dev.stalewatch.testkit.postgres;

import dev.stalewatch.testkit.JvmWide;
import dev.stalewatch.testkit.QuietLogs;
import dev.stalewatch.testkit.StartupReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL every test in this JVM shares: embedded by default, or the external server named by
 * {@code STALEWATCH_TEST_DB_URL}. Tests never share data: each asks for a {@link #freshDatabase}.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    private static final String SHARED_URL = "stalewatch.testkit.shared.postgres-admin-url";
    private static final String SHARED_USER = "stalewatch.testkit.shared.postgres-user";
    private static final String SHARED_PASSWORD = "stalewatch.testkit.shared.postgres-password";

    private static final class Holder {
        static final PostgresServer SERVER = startOrShare();

        private static PostgresServer startOrShare() {
            PostgresServer[] startedHere = new PostgresServer[1];
            String adminUrl = JvmWide.getOrCreate(SHARED_URL, () -> {
                PostgresServer server = startOrConnect();
                System.setProperty(SHARED_USER, server.user());
                System.setProperty(SHARED_PASSWORD, server.password());
                startedHere[0] = server;
                return server.jdbcUrl(server.adminDatabase());
            });
            if (startedHere[0] != null) {
                return startedHere[0];
            }
            // another class loader of this JVM started it: reach it as an external server
            return ExternalPostgresServer.of(adminUrl, System.getProperty(SHARED_USER), System.getProperty(SHARED_PASSWORD));
        }

        private static PostgresServer startOrConnect() {
            String url = System.getenv(ExternalPostgresServer.URL_ENV);
            if (url != null && !url.isBlank()) {
                PostgresServer server = ExternalPostgresServer.fromEnvironment(url.trim());
                System.out.println("[stalewatch-testkit] using " + server.description());
                return server;
            }
            QuietLogs.quiet("io.zonky");
            PostgresServer server = EmbeddedPostgresServer.start();
            StartupReport.started(server.description(), server.startMillis());
            return server;
        }
    }

    public static PostgresServer server() {
        return Holder.SERVER;
    }

    /** Creates an empty database with a unique name; {@code hint} (e.g. the test class name) makes it recognisable. */
    public static TestDatabase freshDatabase(String hint) {
        PostgresServer server = server();
        String name = DatabaseNames.unique(hint);
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + server.description(), e);
        }
        return new TestDatabase(name, server.jdbcUrl(name), server.user(), server.password());
    }

    public static TestDatabase freshDatabase(Class<?> testClass) {
        return freshDatabase(testClass.getSimpleName());
    }
}
