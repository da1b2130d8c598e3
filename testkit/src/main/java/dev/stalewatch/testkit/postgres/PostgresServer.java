package dev.stalewatch.testkit.postgres;

/** A running PostgreSQL server the tests of this JVM share; tests get their own databases on it. */
public interface PostgresServer {

    /** JDBC URL of the given database on this server. */
    String jdbcUrl(String database);

    /** The database to connect to for CREATE DATABASE / DROP DATABASE. */
    String adminDatabase();

    String user();

    String password();

    String description();

    long startMillis();
}
