package dev.stalewatch.snapshot.store;

import java.time.Instant;

import dev.stalewatch.events.Method;

/** An equivalence edge as stored: who or what blessed it, and who took it back. */
public record EdgeRecord(String oldHash, String newHash, String state, Method method, String reason, String author,
        String changeId, Instant createdAt, String unblessedBy, Instant unblessedAt) {
}
