package dev.stalewatch.messaging.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stalewatch.messaging.concurrent.SideBySide;
import dev.stalewatch.messaging.concurrent.WorkerThreads;
import dev.stalewatch.messaging.deadletter.DeadLetterWriter;
import dev.stalewatch.messaging.failure.Backoff;
import dev.stalewatch.messaging.failure.ErrorClassifier;
import dev.stalewatch.messaging.failure.FailureKind;
import dev.stalewatch.messaging.tx.TransactionRunner;

/**
 * One consumer loop per topic (docs/architecture.md). Each batch is applied in one database transaction
 * together with the dedup marks; offsets are committed only after that transaction committed.
 * <ul>
 * <li>A batch is applied on a thread of its own while the loop's thread polls and decodes the next
 * (the polls that come meanwhile, up to {@code max.poll.records}); that one is applied only after
 * the first committed, and its offsets too.</li>
 * <li>A record that cannot be decoded, or that the handler rejects as poison, goes to the dead-letter
 * topic and its offset is committed: the loop goes on.</li>
 * <li>A batch that fails for a reason that is not clearly the infrastructure is applied again one record
 * per transaction; a record that then fails by its own fault (its data refused by the database or a
 * conversion) is dead-lettered with the reason, and the others are applied.</li>
 * <li>A handler whose events are {@linkplain BatchHandler#independenceKey independent by key}
 * gets the poll split by key into transactions of their own, side by side.</li>
 * <li>A deadlock or serialization failure re-runs the transaction (and the handler's
 * {@linkplain BatchHandler#prepare preparation}, which runs before it).</li>
 * <li>An infrastructure failure, or a record that fails alone for no reason of its own: nothing more is committed, the partitions are
 * rewound to the first record not done and paused with backoff, {@link #health()} is DOWN, and the
 * loop resumes by itself.</li>
 * </ul>
 */
public final class ConsumerLoop<E> implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration PAUSED_POLL = Duration.ofMillis(100);
    private static final Duration APPLYING_POLL = Duration.ofMillis(50);
    /** Below this many records a poll is decoded on the loop's own thread. */
    private static final int PARALLEL_DECODE_MIN = 32;

    private final String name;
    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final RecordDecoder<E> decoder;
    private final BatchHandler<E> handler;
    private final TransactionRunner transactions;
    private final ProcessedEventStore processedEvents;
    private final DeadLetterWriter deadLetters;
    private final ErrorClassifier classifier;
    private final Backoff backoff;
    private final Duration pollTimeout;
    private final int conflictRetries;
    private final int sideBySide;
    private final int maxBatch;
    private final Runnable afterCommit;

    private final AtomicReference<ConsumerHealth> health;
    private final LoopStats stats = new LoopStats();
    private volatile boolean closing;
    private volatile Thread thread;
    private ExecutorService applier;
    private ExecutorService partAppliers;
    /** Only the loop's own thread (and the rebalance listener, which runs on it) touches these. */
    private Applying applying;
    /** Polls decoded while a batch is applied: the next batch, gathered until {@code maxBatch} records or more. */
    private Gathered<E> pending;

    private ConsumerLoop(Builder<E> b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.consumer = Objects.requireNonNull(b.consumer, "consumer");
        this.decoder = Objects.requireNonNull(b.decoder, "decoder");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.transactions = Objects.requireNonNull(b.transactions, "transactions");
        this.processedEvents = Objects.requireNonNull(b.processedEvents, "processedEvents");
        this.deadLetters = Objects.requireNonNull(b.deadLetters, "deadLetters");
        this.classifier = b.classifier;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.pollTimeout = b.pollTimeout;
        this.conflictRetries = b.conflictRetries;
        this.sideBySide = b.sideBySide;
        this.maxBatch = b.maxBatch;
        this.afterCommit = b.afterCommit;
        this.health = new AtomicReference<>(ConsumerHealth.down(name, "not started"));
    }

    public static <E> Builder<E> builder() {
        return new Builder<>();
    }

    public ConsumerHealth health() {
        return health.get();
    }

    public String name() {
        return name;
    }

    public LoopStats stats() {
        return stats;
    }

    /** Starts the loop on its own thread. */
    public Thread start() {
        Thread t = WorkerThreads.start("consumer-" + name, this, () -> closing);
        thread = t;
        return t;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            consumer.subscribe(List.of(topic), new SettleBeforeRebalance());
            health.set(ConsumerHealth.up(name));
            while (!closing) {
                ConsumerRecords<String, byte[]> records;
                try {
                    // While a batch is being applied, wait only briefly: the records that come meanwhile
                    // gather into the next batch, and on an idle topic its offsets are committed soon.
                    records = consumer.poll(applying == null ? pollTimeout : APPLYING_POLL);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    if (settle(pending == null ? null : pending.progress())) {
                        pauseAfter(new InfrastructureFailure(e), null);
                    } else {
                        pending = null; // rewound by settle
                    }
                    continue;
                }
                if (!records.isEmpty() && !gather(records)) {
                    continue;
                }
                boolean applyingGoesOn = applying != null && !applying.result().isDone();
                if (pending == null) {
                    if (applying != null && !applyingGoesOn) {
                        settle(null);
                    }
                } else if (!applyingGoesOn || pending.progress().size() >= maxBatch) {
                    Gathered<E> next = pending;
                    pending = null;
                    if (settle(next.progress())) {
                        startApplying(next.decoded(), next.progress());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() interrupts a blocking call this way; nothing to do.
        } catch (RuntimeException | Error e) {
            LOG.error("consumer loop {} stopped by an unexpected error", name, e);
            health.set(ConsumerHealth.down(name, "stopped: " + e));
            WorkerThreads.recordCause(Thread.currentThread().getName(), e);
        } finally {
            try {
                settle(null);
            } catch (RuntimeException e) {
                LOG.warn("consumer {}: finishing the last poll failed", name, e);
            }
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("closing consumer {} failed", name, e);
            }
            if (closing) {
                health.set(ConsumerHealth.down(name, "closed"));
            }
        }
    }

    /**
     * Decodes a poll into the pending batch (dead-lettering what cannot be decoded).
     *
     * @return false if dead-lettering failed: then the pending batch is rewound and dropped
     */
    private boolean gather(ConsumerRecords<String, byte[]> records) {
        if (pending == null) {
            pending = new Gathered<>(new PollProgress(), new ArrayList<>());
        }
        pending.progress().add(records);
        try {
            pending.decoded().addAll(decodeOrDeadLetter(records, pending.progress()));
            return true;
        } catch (InfrastructureFailure failure) {
            PollProgress dropped = pending.progress();
            pending = null;
            if (settle(dropped)) {
                pauseAfter(failure, dropped);
            }
            return false;
        }
    }

    /** The next batch as it is gathered: its records' progress and its decoded deliveries, in order. */
    private record Gathered<E>(PollProgress progress, List<Delivery<E>> decoded) {
    }

    /** A decoded batch being applied on the applier thread; only the loop's thread commits its offsets. */
    private record Applying(PollProgress progress, Future<?> result) {
    }

    /**
     * Applies a decoded batch on the applier thread, so that the loop's thread polls and decodes the
     * next one meanwhile: decoding is CPU work, and applying mostly waits for the database.
     */
    private void startApplying(List<Delivery<E>> decoded, PollProgress progress) {
        Callable<Void> apply = () -> {
            List<List<Delivery<E>>> parts = splitByKey(decoded);
            if (parts.size() > 1) {
                applySideBySide(parts, progress);
            } else {
                applyBatch(decoded, progress);
            }
            return null;
        };
        applying = new Applying(progress, applier().submit(apply));
    }

    /**
     * Waits for the batch being applied (if any) and commits its offsets. After an infrastructure
     * failure it rewinds that batch's undone records and all of {@code behind} (a batch decoded but
     * not applied; its dead-lettered records come again and are dead-lettered again), then pauses.
     *
     * @return false after a failure: {@code behind} must then not be applied
     */
    private boolean settle(PollProgress behind) {
        Applying current = applying;
        if (current == null) {
            return true;
        }
        applying = null;
        try {
            awaitApplied(current.result());
            commit(current.progress());
            healthy();
            return true;
        } catch (InfrastructureFailure failure) {
            if (behind != null) {
                seekWhereAssigned(behind.firstPositions());
            }
            pauseAfter(failure, current.progress());
            return false;
        }
    }

    private static void awaitApplied(Future<?> result) throws InfrastructureFailure {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    result.get();
                    return;
                } catch (InterruptedException e) {
                    // The transaction goes on regardless; its offsets must still be committed.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InfrastructureFailure failure) {
                        throw failure;
                    }
                    throw new InfrastructureFailure(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Before partitions move to another member, the batch being applied finishes and what it did is
     * committed, so that the new owner starts after it. (Were they lost instead, its transactions
     * still commit, and the dedup table makes the new owner skip those events.) A pending batch is
     * dropped: its records are fetched anew from the committed offsets, by whichever member owns
     * them next. Pausing is left to the loop: the consumer cannot be polled from inside its own poll.
     */
    private final class SettleBeforeRebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Gathered<E> dropped = pending;
            pending = null;
            Applying current = applying;
            applying = null;
            boolean allDone = true;
            if (current != null) {
                try {
                    awaitApplied(current.result());
                } catch (InfrastructureFailure failure) {
                    allDone = false;
                    LOG.warn("consumer {}: the batch being applied at a rebalance failed; its undone records go"
                            + " to the partitions' next owner: {}", name, failure.getMessage());
                }
                commit(current.progress());
            }
            if (dropped != null && allDone) {
                // Everything before it is done now: what it dead-lettered at its start need not come again.
                commit(dropped.progress());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }

    private List<Delivery<E>> decodeOrDeadLetter(ConsumerRecords<String, byte[]> records, PollProgress progress)
            throws InfrastructureFailure {
        List<ConsumerRecord<String, byte[]>> inOrder = new ArrayList<>(records.count());
        records.forEach(inOrder::add);
        List<Delivery<E>> decoded = new ArrayList<>(inOrder.size());
        for (Decoded<E> result : decodeAll(inOrder)) {
            if (result.failure() == null) {
                decoded.add(result.delivery());
                continue;
            }
            if (!isRecordsFault(classifier.classify(result.failure()))) {
                throw new InfrastructureFailure(result.failure());
            }
            deadLetter(result.record(), result.failure());
            progress.markDone(result.record());
        }
        return decoded;
    }

    /** One record decoded: its delivery, or why it could not be decoded or was rejected. */
    private record Decoded<E>(ConsumerRecord<String, byte[]> record, Delivery<E> delivery, Exception failure) {
    }

    /**
     * Decoding (parsing and validating each record, then the handler's own check) is pure and, for
     * large polls, most of a loop's CPU: it runs on all cores, and its results are then taken in
     * partition order.
     */
    private List<Decoded<E>> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        IntStream indexes = IntStream.range(0, records.size());
        return (records.size() >= PARALLEL_DECODE_MIN ? indexes.parallel() : indexes)
                .mapToObj(i -> decode(records.get(i)))
                .toList();
    }

    private Decoded<E> decode(ConsumerRecord<String, byte[]> record) {
        try {
            E event = decoder.decode(record);
            handler.check(event);
            return new Decoded<>(record, new Delivery<>(event, decoder.eventId(event), record), null);
        } catch (Exception e) {
            return new Decoded<>(record, null, e);
        }
    }

    /**
     * The poll in up to {@code sideBySide} parts by the handler's {@linkplain
     * BatchHandler#independenceKey independence key}, each in partition order; one part if the
     * handler has no keys.
     */
    private List<List<Delivery<E>>> splitByKey(List<Delivery<E>> decoded) {
        if (sideBySide < 2 || decoded.size() < 2) {
            return List.of(decoded);
        }
        List<List<Delivery<E>>> parts = new ArrayList<>(sideBySide);
        for (int i = 0; i < sideBySide; i++) {
            parts.add(new ArrayList<>());
        }
        for (Delivery<E> delivery : decoded) {
            Object key = handler.independenceKey(delivery.event());
            if (key == null) {
                return List.of(decoded);
            }
            parts.get(Math.floorMod(key.hashCode(), sideBySide)).add(delivery);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }

    /**
     * Each part in a transaction of its own, side by side. Offsets are committed once all parts
     * ended; after a failure, the parts that committed stay done and the others are rewound.
     */
    private void applySideBySide(List<List<Delivery<E>>> parts, PollProgress progress) throws InfrastructureFailure {
        List<Callable<Void>> tasks = new ArrayList<>(parts.size());
        for (List<Delivery<E>> part : parts) {
            tasks.add(() -> {
                applyBatch(part, progress);
                return null;
            });
        }
        try {
            SideBySide.runAll(partAppliers(), tasks);
        } catch (InfrastructureFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new InfrastructureFailure(e);
        }
    }

    private synchronized ExecutorService applier() {
        if (applier == null) {
            applier = Executors.newSingleThreadExecutor(SideBySide.daemonThreads("consumer-" + name + "-applier"));
        }
        return applier;
    }

    private synchronized ExecutorService partAppliers() {
        if (partAppliers == null) {
            partAppliers = Executors.newCachedThreadPool(SideBySide.daemonThreads("consumer-" + name + "-part"));
        }
        return partAppliers;
    }

    /**
     * Applies the batch in one transaction. Unless the failure is clearly the infrastructure's, the records
     * are then applied one per transaction: one that fails alone by its own fault is dead-lettered and the
     * others go on; one that fails alone for a reason not clearly its own stops the batch as an
     * infrastructure failure (retried after a pause, never dropped).
     */
    private void applyBatch(List<Delivery<E>> batch, PollProgress progress) throws InfrastructureFailure {
        if (batch.isEmpty()) {
            return;
        }
        Throwable failure = applyWithConflictRetries(batch);
        if (failure == null) {
            batch.forEach(d -> progress.markDone(d.record()));
            return;
        }
        FailureKind kind = classifier.classify(failure);
        if (kind == FailureKind.INFRASTRUCTURE) {
            throw new InfrastructureFailure(failure);
        }
        if (batch.size() == 1) {
            if (!isRecordsFault(kind)) {
                throw new InfrastructureFailure(failure);
            }
            deadLetter(batch.get(0).record(), failure);
            progress.markDone(batch.get(0).record());
            return;
        }
        LOG.info("consumer {}: a batch of {} failed ({}: {}); applying its records one at a time", name,
                batch.size(), kind, failure.toString());
        // Each record is marked done as it commits: a later infrastructure failure rewinds only the rest.
        for (Delivery<E> single : batch) {
            applyBatch(List.of(single), progress);
        }
    }

    private static boolean isRecordsFault(FailureKind kind) {
        return kind == FailureKind.POISON || kind == FailureKind.DATA;
    }

    /** Null when the transaction committed, else the failure that is not a conflict worth retrying. */
    private Throwable applyWithConflictRetries(List<Delivery<E>> batch) {
        for (int attempt = 0; ; attempt++) {
            try {
                handler.prepare(batch);
                int fresh = transactions.inTransaction(tx -> {
                    List<Delivery<E>> unseen = withoutProcessed(tx, batch);
                    if (!unseen.isEmpty()) {
                        handler.handle(tx, unseen);
                    }
                    return unseen.size();
                });
                stats.applied(fresh);
                stats.skipped(batch.size() - fresh);
                if (afterCommit != null) {
                    afterCommit.run();
                }
                return null;
            } catch (Exception e) {
                if (classifier.classify(e) != FailureKind.CONFLICT || attempt >= conflictRetries) {
                    return e;
                }
                LOG.info("consumer {}: transaction conflict ({}), retrying", name, e.toString());
                sleepQuietly(Duration.ofMillis(5 + ThreadLocalRandom.current().nextInt(50) * (attempt + 1L)));
            }
        }
    }

    private List<Delivery<E>> withoutProcessed(java.sql.Connection tx, List<Delivery<E>> batch) throws Exception {
        List<String> ids = batch.stream().map(Delivery::eventId).toList();
        Set<String> fresh = new HashSet<>(processedEvents.markProcessed(tx, name, ids));
        List<Delivery<E>> result = new ArrayList<>(fresh.size());
        for (Delivery<E> delivery : batch) {
            // remove() so a duplicate inside the same batch is applied once.
            if (fresh.remove(delivery.eventId())) {
                result.add(delivery);
            } else {
                LOG.debug("consumer {}: skipping already processed event {}", name, delivery.eventId());
            }
        }
        return result;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason) throws InfrastructureFailure {
        LOG.warn("consumer {}: dead-lettering {}-{}@{}: {}", name, record.topic(), record.partition(),
                record.offset(), reason.getMessage());
        try {
            deadLetters.send(record, reason);
            stats.deadLetter();
        } catch (Exception e) {
            throw new InfrastructureFailure(e);
        }
    }

    private void commit(PollProgress progress) {
        var offsets = progress.committableOffsets();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // The transaction already committed: a redelivery is skipped by the dedup table.
            LOG.warn("consumer {}: offset commit failed, records will be redelivered and skipped: {}", name,
                    e.toString());
        }
    }

    private void pauseAfter(InfrastructureFailure failure, PollProgress progress) {
        Duration delay = backoff.nextDelay();
        stats.infrastructureFailed();
        String reason = failure.getCause().toString();
        health.set(ConsumerHealth.down(name, reason));
        LOG.warn("consumer {}: infrastructure failure, pausing {} ms: {}", name, delay.toMillis(), reason);
        try {
            if (progress != null) {
                commit(progress);
                seekWhereAssigned(progress.rewindPositions());
            }
            Set<TopicPartition> paused = new HashSet<>(consumer.assignment());
            consumer.pause(paused);
            Instant resumeAt = Instant.now().plus(delay);
            while (!closing && Instant.now().isBefore(resumeAt)) {
                // Polling while paused keeps the group membership alive and fetches nothing.
                consumer.poll(PAUSED_POLL);
            }
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("consumer {}: could not pause cleanly: {}", name, e.toString());
            sleepQuietly(delay);
        }
    }

    private void seekWhereAssigned(Map<TopicPartition, Long> positions) {
        Set<TopicPartition> assigned = consumer.assignment();
        positions.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private void healthy() {
        backoff.reset();
        if (!health.get().up()) {
            LOG.info("consumer {}: recovered", name);
            health.set(ConsumerHealth.up(name));
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (applier != null) {
                applier.shutdown();
            }
            if (partAppliers != null) {
                partAppliers.shutdown();
            }
        }
    }

    public static final class Builder<E> {
        private String name;
        private String topic;
        private Consumer<String, byte[]> consumer;
        private RecordDecoder<E> decoder;
        private BatchHandler<E> handler;
        private TransactionRunner transactions;
        private ProcessedEventStore processedEvents;
        private DeadLetterWriter deadLetters;
        private ErrorClassifier classifier = new ErrorClassifier();
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration pollTimeout = Duration.ofMillis(500);
        private int conflictRetries = 10;
        private int sideBySide = 4;
        private int maxBatch = 500;
        private Runnable afterCommit;

        /** Names the loop in logs and health, and keys its dedup rows. */
        public Builder<E> name(String name) { this.name = name; return this; }
        public Builder<E> topic(String topic) { this.topic = topic; return this; }
        public Builder<E> consumer(Consumer<String, byte[]> consumer) { this.consumer = consumer; return this; }
        public Builder<E> decoder(RecordDecoder<E> decoder) { this.decoder = decoder; return this; }
        public Builder<E> handler(BatchHandler<E> handler) { this.handler = handler; return this; }
        public Builder<E> transactions(TransactionRunner transactions) { this.transactions = transactions; return this; }
        public Builder<E> processedEvents(ProcessedEventStore store) { this.processedEvents = store; return this; }
        public Builder<E> deadLetters(DeadLetterWriter deadLetters) { this.deadLetters = deadLetters; return this; }
        public Builder<E> classifier(ErrorClassifier classifier) { this.classifier = classifier; return this; }
        public Builder<E> backoff(Duration initial, Duration max) { this.initialBackoff = initial; this.maxBackoff = max; return this; }
        public Builder<E> pollTimeout(Duration pollTimeout) { this.pollTimeout = pollTimeout; return this; }
        public Builder<E> conflictRetries(int retries) { this.conflictRetries = retries; return this; }
        /**
         * At most this many transactions side by side for a handler with independence keys (4: on
         * 2 cores, ingest measured 9,300 events/s with 2, 9,700 with 4, 9,000 with 6).
         */
        public Builder<E> sideBySide(int transactions) { this.sideBySide = transactions; return this; }
        /** Most records gathered into one batch from polls made while another is applied. */
        public Builder<E> maxBatch(int records) { this.maxBatch = records; return this; }
        /** Runs after each committed transaction, e.g. to wake the outbox relay. */
        public Builder<E> afterCommit(Runnable afterCommit) { this.afterCommit = afterCommit; return this; }

        public ConsumerLoop<E> build() {
            return new ConsumerLoop<>(this);
        }
    }
}
