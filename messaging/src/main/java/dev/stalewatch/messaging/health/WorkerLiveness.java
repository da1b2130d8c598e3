package dev.stalewatch.messaging.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import dev.stalewatch.messaging.concurrent.WorkerThreads;

/**
 * Liveness of every service: DOWN, naming the thread, once a worker thread (consumer loop, outbox
 * relay, delivery worker) has died or ended without being stopped. Only a restart brings it back;
 * a paused consumer (Kafka or the database away) is a readiness matter and keeps liveness UP.
 */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        WorkerThreads.Liveness liveness = WorkerThreads.liveness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("worker-threads").status(liveness.up());
        liveness.details().forEach(response::withData);
        return response.build();
    }
}
