package dev.stalewatch.snapshot.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.messaging.consume.ConsumerLoop;
import dev.stalewatch.snapshot.kafka.Messaging;

/**
 * Metrics at /q/metrics: events consumed, skipped and dead-lettered per loop, changes by state,
 * and the outbox lag (unsent rows and the age of the oldest). Database figures are sampled every
 * 15 s rather than queried on every scrape.
 */
@ApplicationScoped
public class SnapshotMetrics {

    private static final Logger LOG = Logger.getLogger(SnapshotMetrics.class);

    @Inject
    MeterRegistry registry;
    @Inject
    Messaging messaging;
    @Inject
    DataSource dataSource;

    private final Map<ChangeState, Long> changesByState = new ConcurrentHashMap<>(new EnumMap<>(ChangeState.class));
    private volatile long outboxUnsent;
    private volatile long outboxSetAside;
    private volatile double outboxOldestSeconds;

    /** Runs after the consumers are registered (default observer priority is APPLICATION + 500). */
    void register(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent startup) {
        for (ConsumerLoop<?> loop : messaging.runtime().loops()) {
            String topic = loop.name().substring(loop.name().indexOf(':') + 1);
            FunctionCounter.builder("stalewatch.events.consumed", loop, l -> l.stats().applied())
                    .tag("topic", topic).description("events applied").register(registry);
            FunctionCounter.builder("stalewatch.events.redeliveries.skipped", loop, l -> l.stats().redeliveriesSkipped())
                    .tag("topic", topic).register(registry);
            FunctionCounter.builder("stalewatch.events.dead.lettered", loop, l -> l.stats().deadLettered())
                    .tag("topic", topic).register(registry);
            // readiness no longer follows the consumers, so their state is watched here
            Gauge.builder("stalewatch.consumer.up", loop, l -> l.health().up() ? 1 : 0).tag("topic", topic)
                    .description("1 while the consumer loop runs, 0 while paused by Kafka or the database")
                    .register(registry);
        }
        for (ChangeState state : ChangeState.values()) {
            changesByState.put(state, 0L);
            Gauge.builder("stalewatch.changes", changesByState, m -> m.getOrDefault(state, 0L))
                    .tag("state", state.name()).register(registry);
        }
        Gauge.builder("stalewatch.outbox.unsent", this, m -> m.outboxUnsent).register(registry);
        Gauge.builder("stalewatch.outbox.set.aside", this, m -> m.outboxSetAside)
                .description("outbox rows the broker can never take, kept with their reason").register(registry);
        Gauge.builder("stalewatch.outbox.oldest.unsent.seconds", this, m -> m.outboxOldestSeconds).register(registry);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Map<ChangeState, Long> counts = new EnumMap<>(ChangeState.class);
            try (ResultSet rs = s.executeQuery("SELECT state, count(*) FROM snapshot.change GROUP BY state")) {
                while (rs.next()) {
                    counts.put(ChangeState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            for (ChangeState state : ChangeState.values()) {
                changesByState.put(state, counts.getOrDefault(state, 0L));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE set_aside_at IS NULL),"
                    + " coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE set_aside_at IS NULL)), 0),"
                    + " count(*) FILTER (WHERE set_aside_at IS NOT NULL)"
                    + " FROM snapshot.outbox WHERE sent_at IS NULL")) {
                rs.next();
                outboxUnsent = rs.getLong(1);
                outboxOldestSeconds = rs.getDouble(2);
                outboxSetAside = rs.getLong(3);
            }
        } catch (Exception e) {
            LOG.debugf("metrics sample failed: %s", e);
        }
    }
}
