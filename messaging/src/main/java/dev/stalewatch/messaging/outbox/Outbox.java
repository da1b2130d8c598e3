package dev.stalewatch.messaging.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;

import dev.stalewatch.messaging.tx.SqlNames;

/**
 * Writes events to {@code <schema>.outbox} on the caller's transaction connection, so an event
 * exists exactly when the state change it announces committed. The {@link OutboxRelay} publishes it.
 */
public final class Outbox {

    private final String insertSql;

    public Outbox(String schema) {
        this.insertSql = "INSERT INTO " + SqlNames.qualified(schema, "outbox")
                + " (topic, record_key, event_id, payload) VALUES (?, ?, ?, ?)";
    }

    public void append(Connection tx, OutboxMessage message) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement(insertSql)) {
            insert.setString(1, message.topic());
            insert.setString(2, message.key());
            insert.setString(3, message.eventId());
            insert.setBytes(4, message.payload());
            insert.executeUpdate();
        }
    }
}
