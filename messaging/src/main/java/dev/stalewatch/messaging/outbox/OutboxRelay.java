package dev.stalewatch.messaging.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stalewatch.messaging.concurrent.WorkerThreads;
import dev.stalewatch.messaging.failure.Backoff;
import dev.stalewatch.messaging.tx.SqlNames;

/**
 * Publishes outbox rows to Kafka (docs/architecture.md). Each batch runs in one transaction that first
 * takes {@code pg_try_advisory_xact_lock(lockKey)}: among the replicas of a service only the one
 * holding the lock publishes, so rows go out in id order. Unsent rows are selected by
 * {@code sent_at IS NULL ORDER BY id}, never by a high-water mark, because ids can commit out of
 * order. A row is marked sent only after the broker acknowledged it; a crash in between publishes
 * it again, which consumers skip by event id. A row the broker or producer refuses for itself (too
 * large, invalid) is set aside with the reason instead of holding up every row behind it.
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
    private final String setAsideSql;
    private final int maxRecordBytes;
    private final AtomicLong setAside = new AtomicLong();
    private final String purgeSql;
    private final String purgeProcessedSql;
    private volatile Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

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
        this(name, dataSource, schema, lockKey, producer, batchSize, idleWait, retention,
                new Outbox(schema).maxRecordBytes());
    }

    /** @param maxRecordBytes the largest key + payload the producer takes ({@link Outbox#maxRecordBytes()}) */
    public OutboxRelay(String name, DataSource dataSource, String schema, long lockKey,
            Producer<String, byte[]> producer, int batchSize, Duration idleWait, Duration retention,
            int maxRecordBytes) {
        this.name = name;
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.producer = producer;
        this.batchSize = batchSize;
        this.idleWait = idleWait;
        this.retention = retention;
        String table = SqlNames.qualified(schema, "outbox");
        this.selectSql = "SELECT id, topic, record_key, event_id, payload FROM " + table
                + " WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY id LIMIT ?";
        this.markSql = "UPDATE " + table + " SET sent_at = now() WHERE id = ANY(?)";
        this.setAsideSql = "UPDATE " + table + " SET set_aside_at = now(), set_aside_reason = ? WHERE id = ?";
        this.maxRecordBytes = maxRecordBytes;
        this.purgeSql = "DELETE FROM " + table + " WHERE sent_at < now() - make_interval(secs => ?)";
        this.purgeProcessedSql = "DELETE FROM " + SqlNames.qualified(schema, "processed_event")
                + " WHERE processed_at < now() - make_interval(secs => ?)";
    }

    /** The pauses between failed rounds (the service's consumer backoff): its longest bounds recovery. */
    public OutboxRelay retryBackoff(Duration initial, Duration max) {
        this.backoff = new Backoff(initial, max);
        return this;
    }

    public Thread start() {
        Thread t = WorkerThreads.start("outbox-relay-" + name, this, () -> closing);
        thread = t;
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

    /** Rows this relay set aside since it started (each is also in the table, with its reason). */
    public long setAside() {
        return setAside.get();
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
            Relayed relayed;
            try {
                relayed = holdsRelayLock(connection) ? publishBatch(connection) : Relayed.NOTHING;
                purgeIfDue(connection);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
            // What was acknowledged is marked sent, even when a later row of the batch failed: sent once.
            if (relayed.failure() != null) {
                throw relayed.failure();
            }
            return relayed.published();
        }
    }

    /** One batch: rows acknowledged, and the first failure that is worth retrying (the rows stay unsent). */
    private record Relayed(int published, Exception failure) {
        static final Relayed NOTHING = new Relayed(0, null);
    }

    private record Row(long id, String topic, String key, String eventId, byte[] payload) {
        String names() {
            return "outbox row " + id + " (event " + eventId + " to " + topic + ", key " + key + ")";
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

    private Relayed publishBatch(Connection connection) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(selectSql)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("record_key"),
                            rs.getString("event_id"), rs.getBytes("payload")));
                }
            }
        }
        if (rows.isEmpty()) {
            return Relayed.NOTHING;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long bytes = Outbox.recordBytes(row.key(), row.payload());
            acks.add(bytes > maxRecordBytes
                    ? CompletableFuture.failedFuture(new RecordTooLargeException(bytes + " bytes, over the "
                            + maxRecordBytes + " bytes a record may have"))
                    : producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
        }
        producer.flush();
        List<Long> sent = new ArrayList<>(rows.size());
        Exception retryLater = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                sent.add(rows.get(i).id());
            } catch (ExecutionException e) {
                if (neverSendable(e.getCause())) {
                    setAside(connection, rows.get(i), e.getCause());
                } else if (retryLater == null) {
                    retryLater = e.getCause() instanceof Exception cause ? cause : e;
                }
            } catch (TimeoutException e) {
                if (retryLater == null) {
                    retryLater = e;
                }
            }
        }
        if (!sent.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(markSql)) {
                Array idArray = connection.createArrayOf("bigint", sent.toArray());
                mark.setArray(1, idArray);
                mark.executeUpdate();
            }
        }
        return new Relayed(sent.size(), retryLater);
    }

    /** What the broker or the producer refuses for this record itself, however often it is sent again. */
    private static boolean neverSendable(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException || failure instanceof InvalidTopicException
                || failure instanceof SerializationException;
    }

    private void setAside(Connection connection, Row row, Throwable reason) throws Exception {
        try (PreparedStatement update = connection.prepareStatement(setAsideSql)) {
            update.setString(1, reason.toString());
            update.setLong(2, row.id());
            update.executeUpdate();
        }
        setAside.incrementAndGet();
        LOG.error("outbox relay {}: {} can never be sent and is set aside; the rows behind it go on: {}", name,
                row.names(), reason.toString());
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
