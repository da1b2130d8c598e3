package dev.stalewatch.messaging.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stalewatch.messaging.failure.Backoff;
import dev.stalewatch.messaging.tx.SqlNames;

/**
 * Publishes outbox rows to Kafka (DESIGN.md §5). Each batch runs in one transaction that first
 * takes {@code pg_try_advisory_xact_lock(lockKey)}: among the replicas of a service only the one
 * holding the lock publishes, so rows go out in id order. Unsent rows are selected by
 * {@code sent_at IS NULL ORDER BY id}, never by a high-water mark, because ids can commit out of
 * order. A row is marked sent only after the broker acknowledged it; a crash in between publishes
 * it again, which consumers skip by event id.
 */
public final class OutboxRelay implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String name;
    private final DataSource dataSource;
    private final long lockKey;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration idleWait;
    private final Duration retention;
    private final String selectSql;
    private final String markSql;
    private final String purgeSql;
    private final String purgeProcessedSql;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Object signal = new Object();
    private boolean wakeRequested;
    private volatile boolean closing;
    private volatile boolean healthy = true;
    private volatile String lastFailure = "";
    private volatile Thread thread;
    private Instant nextPurge = Instant.now();

    /**
     * @param idleWait how long to sleep when nothing was woken; bounds the delay for rows
     *                 committed by another replica, whose wake-up this one never sees
     * @param retention how long sent rows are kept for inspection before they are deleted
     */
    public OutboxRelay(String name, DataSource dataSource, String schema, long lockKey,
            Producer<String, byte[]> producer, int batchSize, Duration idleWait, Duration retention) {
        this.name = name;
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.producer = producer;
        this.batchSize = batchSize;
        this.idleWait = idleWait;
        this.retention = retention;
        String table = SqlNames.qualified(schema, "outbox");
        this.selectSql = "SELECT id, topic, record_key, payload FROM " + table
                + " WHERE sent_at IS NULL ORDER BY id LIMIT ?";
        this.markSql = "UPDATE " + table + " SET sent_at = now() WHERE id = ANY(?)";
        this.purgeSql = "DELETE FROM " + table + " WHERE sent_at < now() - make_interval(secs => ?)";
        this.purgeProcessedSql = "DELETE FROM " + SqlNames.qualified(schema, "processed_event")
                + " WHERE processed_at < now() - make_interval(secs => ?)";
    }

    public Thread start() {
        Thread t = new Thread(this, "outbox-relay-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
        return t;
    }

    /** Called after a transaction that wrote outbox rows committed. */
    public void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    public boolean healthy() {
        return healthy;
    }

    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!closing) {
            try {
                int published = relayOnce();
                healthy = true;
                backoff.reset();
                if (published < batchSize) {
                    awaitWake(idleWait);
                }
            } catch (Exception e) {
                healthy = false;
                lastFailure = e.toString();
                Duration delay = backoff.nextDelay();
                LOG.warn("outbox relay {}: publishing failed, retrying in {} ms: {}", name, delay.toMillis(),
                        e.toString());
                awaitWake(delay);
            }
        }
    }

    /**
     * Publishes at most one batch if this replica holds the relay lock.
     *
     * @return rows published (0 when another replica holds the lock or nothing is unsent)
     */
    public int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = holdsRelayLock(connection) ? publishBatch(connection) : 0;
                purgeIfDue(connection);
                connection.commit();
                return published;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean holdsRelayLock(Connection connection) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int publishBatch(Connection connection) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(selectSql)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                    acks.add(producer.send(new ProducerRecord<>(rs.getString("topic"), rs.getString("record_key"),
                            rs.getBytes("payload"))));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        try (PreparedStatement mark = connection.prepareStatement(markSql)) {
            Array idArray = connection.createArrayOf("bigint", ids.toArray());
            mark.setArray(1, idArray);
            mark.executeUpdate();
        }
        return ids.size();
    }

    private void purgeIfDue(Connection connection) throws Exception {
        if (Instant.now().isBefore(nextPurge)) {
            return;
        }
        try (PreparedStatement purge = connection.prepareStatement(purgeSql)) {
            purge.setDouble(1, retention.toSeconds());
            purge.executeUpdate();
        }
        // Dedup rows only matter while Kafka can still redeliver the event; keeping them twice the
        // outbox retention outlasts the topics' retention. Every handler is idempotent beyond that.
        try (PreparedStatement purge = connection.prepareStatement(purgeProcessedSql)) {
            purge.setDouble(1, 2.0 * retention.toSeconds());
            purge.executeUpdate();
        }
        nextPurge = Instant.now().plus(Duration.ofMinutes(10));
    }

    private void awaitWake(Duration timeout) {
        synchronized (signal) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!wakeRequested && !closing) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    break;
                }
                try {
                    signal.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            wakeRequested = false;
        }
    }

    @Override
    public void close() {
        closing = true;
        wake();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
