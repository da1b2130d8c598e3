package dev.stalewatch.testkit.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server someone else runs, named by {@code STALEWATCH_TEST_DB_URL} (a JDBC URL; its database
 * is where CREATE DATABASE is issued) with {@code STALEWATCH_TEST_DB_USER} and {@code STALEWATCH_TEST_DB_PASSWORD}.
 * The user needs the CREATEDB privilege.
 */
final class ExternalPostgresServer implements PostgresServer {

    static final String URL_ENV = "STALEWATCH_TEST_DB_URL";
    static final String USER_ENV = "STALEWATCH_TEST_DB_USER";
    static final String PASSWORD_ENV = "STALEWATCH_TEST_DB_PASSWORD";

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?");

    private final String serverPart;
    private final String adminDatabase;
    private final String parameters;
    private final String user;
    private final String password;

    private ExternalPostgresServer(String serverPart, String adminDatabase, String parameters, String user, String password) {
        this.serverPart = serverPart;
        this.adminDatabase = adminDatabase;
        this.parameters = parameters;
        this.user = user;
        this.password = password;
    }

    static ExternalPostgresServer fromEnvironment(String url) {
        return of(url, System.getenv().getOrDefault(USER_ENV, "postgres"), System.getenv().getOrDefault(PASSWORD_ENV, ""));
    }

    static ExternalPostgresServer of(String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("a PostgreSQL JDBC URL must look like jdbc:postgresql://host:port/database, not " + url);
        }
        String database = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
        return new ExternalPostgresServer(m.group(1), database, m.group(3) == null ? "" : m.group(3), user, password);
    }

    @Override
    public String jdbcUrl(String database) {
        return serverPart + "/" + database + parameters;
    }

    @Override
    public String adminDatabase() {
        return adminDatabase;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + serverPart;
    }

    @Override
    public long startMillis() {
        return 0;
    }
}
