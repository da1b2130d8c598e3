package dev.stalewatch.snapshot.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.consume.Delivery;
import dev.stalewatch.snapshot.config.SnapshotConfig;
import dev.stalewatch.snapshot.service.ObservationIngest;
import dev.stalewatch.snapshot.service.VerdictApplication;

/** Starts the consumer loops and the outbox relay once the application (and Flyway) is up. */
@ApplicationScoped
public class ConsumersStartup {

    @Inject
    Messaging messaging;
    @Inject
    SnapshotConfig config;
    @Inject
    ObservationIngest ingest;
    @Inject
    VerdictApplication verdicts;

    void start(@Observes StartupEvent startup) {
        var runtime = messaging.runtime();
        if (config.consumers().enabled()) {
            runtime.consume(Topics.VERSION_OBSERVED, VersionObserved.class, ingest);
            runtime.consume(Topics.VERDICTS, TriageVerdict.class,
                    (tx, batch) -> verdicts.apply(tx, batch.stream().map(Delivery::event).toList()));
        }
        runtime.start();
    }
}
