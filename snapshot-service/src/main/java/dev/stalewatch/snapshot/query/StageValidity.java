package dev.stalewatch.snapshot.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a pipeline needs at the start of a stage: which stored results it may keep. A result is valid
 * when its version hash is in the current hash's equivalence class (the same code, or a change that was
 * auto-blessed or blessed); every other known hash says why its results are not.
 *
 * @param validHashes the current hash first, then the rest of its class in hash order
 * @param versions every hash the stage knows, in hash order
 */
public record StageValidity(String jobId, String stage, String currentHash, List<String> validHashes,
        List<Version> versions) {

    /** Why results under one hash count or not. */
    public enum State {
        /** In the current hash's class: keep the results. */
        VALID,
        /** Not in it, and no decision is asked or given: recompute. */
        STALE,
        /** A change from this hash's class is being triaged (seconds, usually): it may yet be auto-blessed. */
        TRIAGING,
        /** A change from this hash's class waits for a person: stale unless it is blessed. */
        PENDING_DECISION,
        /** A person asked for the results to be recomputed. */
        RESET_REQUESTED
    }

    /** @param changeId the change that decides this hash's results, when there is one */
    public record Version(String hash, long results, State state, String changeId) {
    }

    /** Changes exactly when the answer does: the HTTP entity tag a runner polls with. */
    public String tag() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        StringBuilder canonical = new StringBuilder(currentHash).append('\n').append(String.join(",", validHashes));
        for (Version v : versions) {
            canonical.append('\n').append(v.hash()).append(' ').append(v.results()).append(' ').append(v.state())
                    .append(' ').append(v.changeId());
        }
        byte[] digest = sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return "v1-" + HexFormat.of().formatHex(digest, 0, 12);
    }
}
