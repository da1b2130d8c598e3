package dev.stalewatch.triageservice.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.stalewatch.triageservice.client.SnapshotServiceClient;

/** Triage cannot decide anything without snapshots: DOWN while snapshot-service does not answer. */
@Readiness
@ApplicationScoped
public class SnapshotServiceReadiness implements HealthCheck {

    @Inject
    SnapshotServiceClient snapshots;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("snapshot-service").status(snapshots.reachable()).build();
    }
}
