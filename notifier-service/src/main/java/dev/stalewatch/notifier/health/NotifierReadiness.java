package dev.stalewatch.notifier.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.stalewatch.notifier.kafka.Messaging;
import dev.stalewatch.notifier.service.DeliveryWorker;

/**
 * DOWN while the decision consumer is paused by an infrastructure failure (Kafka or the database) or the
 * delivery worker cannot reach the database. Quarkus adds its own Kafka and datasource checks beside this.
 * Pushover being down does not make the service unready: pushes wait in the database.
 */
@Readiness
@ApplicationScoped
public class NotifierReadiness implements HealthCheck {

    @Inject
    Messaging messaging;
    @Inject
    DeliveryWorker worker;

    @Override
    public HealthCheckResponse call() {
        var readiness = messaging.runtime().readiness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("notifier-consumer-and-delivery")
                .status(readiness.up());
        readiness.details().forEach(response::withData);
        String workerFailure = worker.lastFailure();
        response.withData("delivery-worker", workerFailure == null ? "UP" : "DOWN " + workerFailure);
        if (workerFailure != null) {
            response.down();
        }
        return response.build();
    }
}
