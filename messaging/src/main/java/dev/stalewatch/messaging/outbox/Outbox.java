package dev.stalewatch.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;

import dev.stalewatch.messaging.kafka.ProducerSettings;
import dev.stalewatch.messaging.tx.SqlNames;

/**
 * Writes events to {@code <schema>.outbox} on the caller's transaction connection, so an event
 * exists exactly when the state change it announces committed. The {@link OutboxRelay} publishes it.
 * A row the producer could not send is refused here, before the transaction commits, so it never
 * reaches the relay.
 */
public final class Outbox {

    /**
     * Room for what the producer adds to key and value (record batch header, record header, the
     * varints): under 100 bytes for one record without headers; this keeps a margin.
     */
    static final int RECORD_OVERHEAD_BYTES = 1024;

    private final String insertSql;
    private final int maxRecordBytes;

    /** With the limit of the event producer ({@link ProducerSettings#EVENT_MAX_REQUEST_BYTES}). */
    public Outbox(String schema) {
        this(schema, ProducerSettings.EVENT_MAX_REQUEST_BYTES);
    }

    /** @param maxRequestBytes the producer's {@code max.request.size} */
    public Outbox(String schema, int maxRequestBytes) {
        this.insertSql = "INSERT INTO " + SqlNames.qualified(schema, "outbox")
                + " (topic, record_key, event_id, payload) VALUES (?, ?, ?, ?)";
        this.maxRecordBytes = maxRequestBytes - RECORD_OVERHEAD_BYTES;
    }

    /** The largest key + payload the relay can send. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public void append(Connection tx, OutboxMessage message) throws Exception {
        long bytes = recordBytes(message.key(), message.payload());
        if (bytes > maxRecordBytes) {
            throw new OutboxRowTooLargeException("event " + message.eventId() + " for " + message.topic() + " is "
                    + bytes + " bytes, over the " + maxRecordBytes + " bytes a record may have");
        }
        try (PreparedStatement insert = tx.prepareStatement(insertSql)) {
            insert.setString(1, message.topic());
            insert.setString(2, message.key());
            insert.setString(3, message.eventId());
            insert.setBytes(4, message.payload());
            insert.executeUpdate();
        }
    }

    static long recordBytes(String key, byte[] payload) {
        return (long) key.getBytes(StandardCharsets.UTF_8).length + payload.length;
    }
}
