package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.client.ChangeSummary;
import dev.stalewatch.notifier.config.NotifierConfig;

/**
 * Records, in the consumer's transaction, that a change deserves a push: one notification row per change id
 * (a repeat finds the row and does nothing), then either a push right away (digest window 0) or a place in
 * the job's open digest window. Nothing is sent here; the delivery worker sends.
 */
@ApplicationScoped
public class NotificationStore {

    private static final Logger LOG = Logger.getLogger(NotificationStore.class);

    private final Duration window;
    private final PushComposer composer;
    private final PushStore pushes;

    @Inject
    public NotificationStore(NotifierConfig config, PushStore pushes) {
        this.window = config.digest().window();
        this.composer = new PushComposer(config.publicUrl());
        this.pushes = pushes;
    }

    /** @return true if this change was new here, false if it had been recorded before */
    public boolean record(Connection tx, ChangeDecided decision) throws SQLException {
        OptionalLong id = insertOnce(tx, decision);
        if (id.isEmpty()) {
            LOG.debugf("change %s already has its notification; nothing more to do", decision.changeId());
            return false;
        }
        if (window.isZero() || window.isNegative()) {
            pushes.create(tx, composer.compose(List.of(summaryOf(decision))), List.of(id.getAsLong()));
        } else {
            joinDigest(tx, decision.jobId(), id.getAsLong());
        }
        LOG.infof("change %s of %s/%s recorded for a push (%s)", decision.changeId(), decision.jobId(),
                decision.stage(), window.isZero() ? "immediate" : "digest window " + window);
        return true;
    }

    private static OptionalLong insertOnce(Connection tx, ChangeDecided d) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO notification (change_id, job_id, stage, old_hash, new_hash, method, reason, stale_items,
                                          decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (change_id) DO NOTHING
                RETURNING id""")) {
            insert.setString(1, d.changeId());
            insert.setString(2, d.jobId());
            insert.setString(3, d.stage());
            insert.setString(4, d.oldHash());
            insert.setString(5, d.newHash());
            insert.setString(6, d.method().name());
            insert.setString(7, d.reason());
            insert.setLong(8, d.staleItems());
            insert.setTimestamp(9, Timestamp.from(d.decidedAt()));
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    // The upsert either opens the job's window or locks the open one; a window the flusher closed meanwhile
    // no longer matches the partial unique index, so a new one opens instead.
    private void joinDigest(Connection tx, String jobId, long notificationId) throws SQLException {
        long digestId;
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO digest (job_id, closes_at) VALUES (?, now() + (? * interval '1 millisecond'))
                ON CONFLICT (job_id) WHERE flushed_at IS NULL DO UPDATE SET job_id = EXCLUDED.job_id
                RETURNING id""")) {
            upsert.setString(1, jobId);
            upsert.setLong(2, window.toMillis());
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                digestId = row.getLong(1);
            }
        }
        try (PreparedStatement link = tx.prepareStatement("UPDATE notification SET digest_id = ? WHERE id = ?")) {
            link.setLong(1, digestId);
            link.setLong(2, notificationId);
            link.executeUpdate();
        }
    }

    static ChangeSummary summaryOf(ChangeDecided d) {
        return new ChangeSummary(d.changeId(), d.jobId(), d.stage(), d.oldHash(), d.newHash(), d.method().name(),
                d.reason(), d.staleItems());
    }
}
