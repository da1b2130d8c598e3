package dev.stalewatch.snapshot.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.stalewatch.snapshot.kafka.Messaging;

/** DOWN while a consumer loop is paused by an infrastructure failure or the outbox relay cannot publish. */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

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
