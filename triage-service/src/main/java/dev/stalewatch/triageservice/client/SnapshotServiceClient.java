package dev.stalewatch.triageservice.client;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.stalewatch.triageservice.config.TriageConfig;

/**
 * Reads snapshots and diffs from snapshot-service. A 404 is an answer ("no such version"); anything
 * else that is not a 2xx — 5xx, timeout, refused connection, even an unexpected 4xx — means
 * snapshot-service cannot answer now and is raised as {@link SnapshotServiceUnavailableException}.
 */
@ApplicationScoped
public class SnapshotServiceClient {

    private final SnapshotServiceApi api;
    private final String authorization;

    @Inject
    public SnapshotServiceClient(TriageConfig config) {
        TriageConfig.SnapshotService settings = config.snapshotService();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.url()))
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(SnapshotServiceApi.class);
        this.authorization = settings.token().filter(t -> !t.isBlank()).map(t -> "Bearer " + t).orElse(null);
    }

    /** Empty when snapshot-service has no snapshot of that version (404). */
    public Optional<SnapshotJson> snapshot(String job, String stage, String hash) {
        try {
            return Optional.of(api.snapshot(authorization, job, stage, hash));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable("snapshot " + job + "/" + stage + "@" + hash, e);
        } catch (ProcessingException e) {
            throw unavailable("snapshot " + job + "/" + stage + "@" + hash, e);
        }
    }

    /** The unified diff of a change; empty when snapshot-service has none (unknown change or a side missing). */
    public Optional<String> diff(String changeId) {
        try {
            return Optional.ofNullable(api.change(authorization, changeId).diff());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable("change " + changeId, e);
        } catch (ProcessingException e) {
            throw unavailable("change " + changeId, e);
        }
    }

    /** True when snapshot-service answers its liveness check. */
    public boolean reachable() {
        try {
            api.live();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static SnapshotServiceUnavailableException unavailable(String what, RuntimeException cause) {
        String status = cause instanceof WebApplicationException web
                ? "HTTP " + web.getResponse().getStatus()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new SnapshotServiceUnavailableException("snapshot-service could not answer for " + what + " (" + status + ")",
                cause);
    }
}
