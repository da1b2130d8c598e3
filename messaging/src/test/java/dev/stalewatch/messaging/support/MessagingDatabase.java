package dev.stalewatch.messaging.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;

/**
 * A fresh PostgreSQL database with the messaging tables created by the very migration files the
 * services run, in schema {@link #SCHEMA}.
 */
public final class MessagingDatabase {

    public static final String SCHEMA = "msgtest";
    private static final List<String> MIGRATIONS = List.of(
            "db/messaging/V0_1__messaging_outbox.sql",
            "db/messaging/V0_2__messaging_processed_event.sql",
            "db/messaging/V0_3__messaging_outbox_set_aside.sql");

    private final TestDatabase database;

    public MessagingDatabase(Class<?> testClass) {
        database = TestPostgres.freshDatabase(testClass);
        database.recreateSchema(SCHEMA);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            for (String migration : MIGRATIONS) {
                s.execute(resource(migration));
            }
            s.execute("CREATE TABLE handled (event_id TEXT NOT NULL, payload TEXT)");
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the messaging schema", e);
        }
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public Connection connect() throws Exception {
        return database.connect();
    }

    public long count(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = MessagingDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
