package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.notifier.rest.dto.DeliveryView;
import dev.stalewatch.notifier.rest.dto.NotificationView;

/** Lists notifications, newest first, with their overall state and each channel's delivery. */
@ApplicationScoped
public class NotificationQuery {

    @Inject
    DataSource dataSource;

    public List<NotificationView> list(Optional<NotificationState> state, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<NotificationView> notifications = notifications(connection, state, limit);
            Map<Long, List<DeliveryView>> deliveries = deliveries(connection,
                    notifications.stream().map(NotificationView::pushId).filter(id -> id != null).distinct().toList());
            return notifications.stream()
                    .map(n -> new NotificationView(n.changeId(), n.jobId(), n.stage(), n.method(), n.reason(),
                            n.staleItems(), n.state(), n.pushId(), n.recordedAt(),
                            n.pushId() == null ? List.of() : deliveries.getOrDefault(n.pushId(), List.of())))
                    .toList();
        }
    }

    private static List<NotificationView> notifications(Connection connection, Optional<NotificationState> state,
            int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                WITH overall AS (
                    SELECT n.*,
                           CASE WHEN n.push_id IS NULL THEN 'DIGESTING'
                                WHEN EXISTS (SELECT 1 FROM delivery d WHERE d.push_id = n.push_id AND d.state = 'FAILED')
                                     THEN 'FAILED'
                                WHEN EXISTS (SELECT 1 FROM delivery d WHERE d.push_id = n.push_id
                                                                        AND d.state IN ('PENDING', 'SENDING'))
                                     THEN 'PENDING'
                                ELSE 'SENT' END AS state
                      FROM notification n)
                SELECT change_id, job_id, stage, method, reason, stale_items, state, push_id, recorded_at
                  FROM overall
                 WHERE CAST(? AS TEXT) IS NULL OR state = ?
                 ORDER BY id DESC
                 LIMIT ?""")) {
            String wanted = state.map(Enum::name).orElse(null);
            select.setString(1, wanted);
            select.setString(2, wanted);
            select.setInt(3, limit);
            List<NotificationView> views = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long pushId = rows.getLong(8);
                    views.add(new NotificationView(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getLong(6), rows.getString(7),
                            rows.wasNull() ? null : pushId, instant(rows.getTimestamp(9)), List.of()));
                }
            }
            return views;
        }
    }

    private static Map<Long, List<DeliveryView>> deliveries(Connection connection, List<Long> pushIds)
            throws SQLException {
        Map<Long, List<DeliveryView>> byPush = new HashMap<>();
        if (pushIds.isEmpty()) {
            return byPush;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT push_id, channel, state, attempts, last_error, next_attempt_at, sent_at
                  FROM delivery WHERE push_id = ANY (?) ORDER BY push_id, channel""")) {
            select.setArray(1, connection.createArrayOf("bigint", pushIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String deliveryState = rows.getString(3);
                    boolean done = "SENT".equals(deliveryState) || "FAILED".equals(deliveryState);
                    byPush.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(new DeliveryView(
                            rows.getString(2), deliveryState, rows.getInt(4), rows.getString(5),
                            done ? null : instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7))));
                }
            }
        }
        return byPush;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
