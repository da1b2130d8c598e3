package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.notifier.client.Channels;

/** Turns notifications into one stored push with one PENDING delivery per enabled channel. */
@ApplicationScoped
public class PushStore {

    @Inject
    Channels channels;

    /** @return the new push's id */
    public long create(Connection tx, ComposedPush push, List<Long> notificationIds) throws SQLException {
        long pushId;
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO push (job_id, title, message, url, url_title) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, push.jobId());
            insert.setString(2, push.title());
            insert.setString(3, push.message());
            insert.setString(4, push.url());
            insert.setString(5, push.urlTitle());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                pushId = row.getLong(1);
            }
        }
        try (PreparedStatement delivery = tx.prepareStatement(
                "INSERT INTO delivery (push_id, channel, state) VALUES (?, ?, 'PENDING')")) {
            for (String channel : channels.names()) {
                delivery.setLong(1, pushId);
                delivery.setString(2, channel);
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
        try (PreparedStatement link = tx.prepareStatement("UPDATE notification SET push_id = ? WHERE id = ANY (?)")) {
            link.setLong(1, pushId);
            link.setArray(2, tx.createArrayOf("bigint", notificationIds.toArray()));
            link.executeUpdate();
        }
        return pushId;
    }
}
