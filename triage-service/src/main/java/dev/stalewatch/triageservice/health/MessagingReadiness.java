package dev.stalewatch.triageservice.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.stalewatch.messaging.consume.ConsumerHealth;
import dev.stalewatch.triageservice.kafka.Messaging;

/**
 * DOWN while the consumer loop is paused by an infrastructure failure (database, broker, or
 * snapshot-service failing mid-triage) or the outbox relay cannot publish.
 */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

    @Inject
    Messaging messaging;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers-and-outbox").up();
        for (ConsumerHealth loop : messaging.runtime().health()) {
            response.withData(loop.loop(), (loop.up() ? "UP " : "DOWN ") + loop.reason());
            if (!loop.up()) {
                response.down();
            }
        }
        var relay = messaging.runtime().relay();
        response.withData("outbox-relay", relay.healthy() ? "UP" : "DOWN " + relay.lastFailure());
        if (!relay.healthy()) {
            response.down();
        }
        return response.build();
    }
}
