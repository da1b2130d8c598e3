package dev.stalewatch.snapshot.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;

import dev.stalewatch.snapshot.kafka.Messaging;

/**
 * The consumer loops and the outbox relay, DOWN while one is paused by an infrastructure failure. A
 * wellness check (in {@code /q/health} and {@code /q/health/well}), not a readiness one: the REST API
 * (jobctl, triage's snapshot reads, the pipeline's validity checks) answers from PostgreSQL whether or not
 * Kafka is there, so Kafka being away must not take the pods out of the Service.
 */
@Wellness
@ApplicationScoped
public class MessagingWellness implements HealthCheck {

    @Inject
    Messaging messaging;

    @Override
    public HealthCheckResponse call() {
        var readiness = messaging.runtime().readiness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers-and-outbox")
                .status(readiness.up());
        readiness.details().forEach(response::withData);
        return response.build();
    }
}
