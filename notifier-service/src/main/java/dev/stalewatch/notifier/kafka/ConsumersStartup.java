package dev.stalewatch.notifier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.Topics;
import dev.stalewatch.messaging.consume.Delivery;
import dev.stalewatch.notifier.client.Channels;
import dev.stalewatch.notifier.service.DecisionIntake;
import dev.stalewatch.notifier.service.DeliveryWorker;

/**
 * Once the application (and Flyway) is up: consume ChangeDecided and start the delivery worker. On shutdown
 * the worker stops first, so the push in flight is marked before the database goes away.
 */
@ApplicationScoped
public class ConsumersStartup {

    @Inject
    Messaging messaging;
    @Inject
    DecisionIntake intake;
    @Inject
    DeliveryWorker worker;
    @Inject
    Channels channels;

    void start(@Observes StartupEvent startup) {
        channels.names(); // creates the channels now, so a missing Pushover account is reported at start
        var runtime = messaging.runtime();
        runtime.consume(Topics.CHANGE_DECISIONS, ChangeDecided.class,
                (tx, batch) -> intake.apply(tx, batch.stream().map(Delivery::event).toList()));
        runtime.start();
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.stop();
    }
}
