package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.messaging.tx.AdvisoryLockKeys;
import dev.stalewatch.messaging.tx.TransactionRunner;
import dev.stalewatch.notifier.client.ChangeSummary;
import dev.stalewatch.notifier.config.NotifierConfig;

/**
 * Closes digest windows whose time is up: each becomes one push naming its stages. One flusher at a time
 * across replicas: the transaction starts by taking a transaction-scoped advisory lock, and a replica that
 * does not get it leaves the work to the one that did.
 */
@ApplicationScoped
public class DigestFlusher {

    private static final Logger LOG = Logger.getLogger(DigestFlusher.class);
    private static final int WINDOWS_PER_TRANSACTION = 50;

    private final TransactionRunner transactions;
    private final PushStore pushes;
    private final NotifierMetrics metrics;
    private final PushComposer composer;
    private final long lockKey;

    @Inject
    public DigestFlusher(NotifierConfig config, TransactionRunner transactions, PushStore pushes,
            NotifierMetrics metrics) {
        this.transactions = transactions;
        this.pushes = pushes;
        this.metrics = metrics;
        this.composer = new PushComposer(config.publicUrl());
        this.lockKey = AdvisoryLockKeys.of(config.serviceName(), "digest-flusher");
    }

    /** @return the number of windows closed */
    public int flushDue() throws Exception {
        return transactions.inTransaction(tx -> {
            if (!tryLock(tx)) {
                return 0;
            }
            List<Long> due = dueWindows(tx);
            for (long digestId : due) {
                flush(tx, digestId);
            }
            return due.size();
        });
    }

    private boolean tryLock(Connection tx) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static List<Long> dueWindows(Connection tx) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT id FROM digest WHERE flushed_at IS NULL AND closes_at <= now()
                ORDER BY closes_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, WINDOWS_PER_TRANSACTION);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private void flush(Connection tx, long digestId) throws SQLException {
        List<ChangeSummary> changes = ChangeRows.ofDigest(tx, digestId);
        if (!changes.isEmpty()) {
            long pushId = pushes.create(tx, composer.compose(changes), ChangeRows.idsOfDigest(tx, digestId));
            metrics.digestFlushed(changes.size());
            LOG.infof("digest of job %s closed: %d change(s) in push %d", changes.get(0).jobId(), changes.size(),
                    pushId);
        }
        try (PreparedStatement close = tx.prepareStatement("UPDATE digest SET flushed_at = now() WHERE id = ?")) {
            close.setLong(1, digestId);
            close.executeUpdate();
        }
    }
}
