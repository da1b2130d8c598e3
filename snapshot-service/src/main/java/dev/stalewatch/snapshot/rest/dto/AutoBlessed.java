package dev.stalewatch.snapshot.rest.dto;

import java.time.Instant;

import dev.stalewatch.events.Method;

/** A change triage decided was cosmetic: old results stay valid. */
public record AutoBlessed(String jobId, String stage, String changeId, String oldHash, String newHash, Method method,
        String reason, Instant decidedAt) {
}
