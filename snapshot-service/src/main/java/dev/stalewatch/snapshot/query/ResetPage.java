package dev.stalewatch.snapshot.query;

import java.time.Instant;
import java.util.List;

/**
 * Reset requests of one job, oldest first, for pipelines that poll instead of reading Kafka.
 *
 * @param nextAfter the {@code after} of the next poll: the last request's seq, or the one asked for when
 *     there is nothing new
 */
public record ResetPage(List<Reset> resets, long nextAfter) {

    /** One ResetRequested, with the event id it was published under and its place in the job's order. */
    public record Reset(long seq, String eventId, String jobId, String stage, String currentHash,
            List<String> staleHashes, String requestedBy, Instant requestedAt) {
    }
}
