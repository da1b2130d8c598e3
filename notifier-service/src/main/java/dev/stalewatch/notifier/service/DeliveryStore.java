package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.messaging.tx.TransactionRunner;
import dev.stalewatch.notifier.client.OutgoingPush;

/**
 * The delivery rows' state machine. Claiming marks rows SENDING and commits before any HTTP call, so a
 * redelivered decision or a restart finds them taken; {@code FOR UPDATE SKIP LOCKED} lets replicas share the
 * work without sending a row twice. Marks are fenced by the attempt number: a sender whose lease ran out and
 * whose row was claimed again cannot overwrite the newer attempt's outcome. The sender renews the lease
 * right before each send ({@link #renewLease}), so a claim of many rows never sends one whose lease ran out
 * while the others were sent.
 */
@ApplicationScoped
public class DeliveryStore {

    @Inject
    TransactionRunner transactions;

    public List<ClaimedDelivery> claim(int limit, Duration lease) throws Exception {
        return transactions.inTransaction(tx -> {
            List<ClaimedDelivery> claimed = new ArrayList<>();
            try (PreparedStatement update = tx.prepareStatement("""
                    WITH due AS (
                        SELECT id, state AS previous_state FROM delivery
                         WHERE (state = 'PENDING' AND next_attempt_at <= now())
                            OR (state = 'SENDING' AND lease_until <= now())
                         ORDER BY next_attempt_at, id
                         LIMIT ?
                         FOR UPDATE SKIP LOCKED)
                    UPDATE delivery d
                       SET state = 'SENDING', attempts = d.attempts + 1,
                           lease_until = now() + (? * interval '1 millisecond')
                      FROM due
                     WHERE d.id = due.id
                    RETURNING d.id, d.push_id, d.channel, d.attempts, d.created_at, due.previous_state""")) {
                update.setInt(1, limit);
                update.setLong(2, lease.toMillis());
                List<ClaimedRow> rows = new ArrayList<>();
                try (ResultSet result = update.executeQuery()) {
                    while (result.next()) {
                        rows.add(new ClaimedRow(result.getLong(1), result.getLong(2), result.getString(3),
                                result.getInt(4), result.getTimestamp(5).toInstant(),
                                "SENDING".equals(result.getString(6))));
                    }
                }
                for (ClaimedRow row : rows) {
                    claimed.add(new ClaimedDelivery(row.id(), row.channel(), row.attempts(), row.queuedAt(),
                            row.reclaimed(), loadPush(tx, row.pushId())));
                }
            }
            return claimed;
        });
    }

    /**
     * Extends the claim's lease from now, if the claim is still this sender's: false when the lease ran
     * out and another sender claimed the row (its attempt number moved on), which must then not be sent.
     */
    public boolean renewLease(ClaimedDelivery delivery, Duration lease) throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement update = tx.prepareStatement("""
                    UPDATE delivery SET lease_until = now() + (? * interval '1 millisecond')
                     WHERE id = ? AND state = 'SENDING' AND attempts = ?""")) {
                update.setLong(1, lease.toMillis());
                update.setLong(2, delivery.id());
                update.setInt(3, delivery.attempts());
                return update.executeUpdate() == 1;
            }
        });
    }

    public boolean markSent(ClaimedDelivery delivery, String remoteId) throws Exception {
        return mark(delivery, "state = 'SENT', sent_at = now(), remote_id = ?, last_error = NULL", remoteId);
    }

    public boolean markFailed(ClaimedDelivery delivery, String errors) throws Exception {
        return mark(delivery, "state = 'FAILED', last_error = ?", errors);
    }

    public boolean markRetry(ClaimedDelivery delivery, String reason, Duration delay) throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement update = tx.prepareStatement("""
                    UPDATE delivery SET state = 'PENDING', last_error = ?, lease_until = NULL,
                           next_attempt_at = now() + (? * interval '1 millisecond')
                     WHERE id = ? AND state = 'SENDING' AND attempts = ?""")) {
                update.setString(1, reason);
                update.setLong(2, delay.toMillis());
                update.setLong(3, delivery.id());
                update.setInt(4, delivery.attempts());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Deliveries not yet SENT or FAILED, and changes still waiting in a digest window. */
    public long[] backlog() throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement select = tx.prepareStatement("""
                    SELECT (SELECT count(*) FROM delivery WHERE state IN ('PENDING', 'SENDING')),
                           (SELECT count(*) FROM notification WHERE push_id IS NULL)""");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] { row.getLong(1), row.getLong(2) };
            }
        });
    }

    private boolean mark(ClaimedDelivery delivery, String assignments, String text) throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement update = tx.prepareStatement("UPDATE delivery SET " + assignments
                    + ", lease_until = NULL WHERE id = ? AND state = 'SENDING' AND attempts = ?")) {
                update.setString(1, text);
                update.setLong(2, delivery.id());
                update.setInt(3, delivery.attempts());
                return update.executeUpdate() == 1;
            }
        });
    }

    private record ClaimedRow(long id, long pushId, String channel, int attempts, Instant queuedAt,
            boolean reclaimed) {
    }

    private static OutgoingPush loadPush(Connection tx, long pushId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT job_id, title, message, url, url_title FROM push WHERE id = ?")) {
            select.setLong(1, pushId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new OutgoingPush(pushId, row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), ChangeRows.ofPush(tx, pushId));
            }
        }
    }
}
