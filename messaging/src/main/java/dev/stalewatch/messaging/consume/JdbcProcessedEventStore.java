package dev.stalewatch.messaging.consume;

import dev.stalewatch.messaging.tx.SqlNames;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The dedup table {@code <schema>.processed_event} created by the messaging migrations
 * ({@code db/messaging}). One statement per batch: the insert tells which ids are new.
 */
public final class JdbcProcessedEventStore implements ProcessedEventStore {

    private final String insertSql;

    public JdbcProcessedEventStore(String schema) {
        this.insertSql = "INSERT INTO " + SqlNames.qualified(schema, "processed_event")
                + " (consumer, event_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING RETURNING event_id";
    }

    @Override
    public Set<String> markProcessed(Connection tx, String consumer, Collection<String> eventIds) throws Exception {
        Set<String> fresh = new HashSet<>();
        if (eventIds.isEmpty()) {
            return fresh;
        }
        try (PreparedStatement insert = tx.prepareStatement(insertSql)) {
            Array ids = tx.createArrayOf("text", eventIds.stream().distinct().toArray());
            insert.setString(1, consumer);
            insert.setArray(2, ids);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        return fresh;
    }
}
