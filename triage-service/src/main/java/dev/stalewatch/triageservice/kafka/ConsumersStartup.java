package dev.stalewatch.triageservice.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.triageservice.config.TriageConfig;
import dev.stalewatch.triageservice.service.ChangeTriageHandler;

/** Starts the VersionChanged consumer loop and the outbox relay once the application (and Flyway) is up. */
@ApplicationScoped
public class ConsumersStartup {

    @Inject
    Messaging messaging;
    @Inject
    TriageConfig config;
    @Inject
    ChangeTriageHandler handler;

    void start(@Observes StartupEvent startup) {
        var runtime = messaging.runtime();
        if (config.consumers().enabled()) {
            runtime.consume(Topics.VERSION_CHANGES, VersionChanged.class, handler);
        }
        runtime.start();
    }
}
