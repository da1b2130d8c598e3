package dev.stalewatch.testkit.postgres;

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

    private static final class Holder {
        static final PostgresServer SERVER = startAndReport();

        private static PostgresServer startAndReport() {
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
