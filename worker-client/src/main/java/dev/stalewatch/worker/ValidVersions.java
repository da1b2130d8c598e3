package dev.stalewatch.worker;

import java.util.Map;
import java.util.Set;

/**
 * Which stored results of a stage are valid, as snapshot-service answered: results under a hash of
 * {@link #validHashes()} may be kept, every other hash's results are to be recomputed (or wait for a
 * decision, see {@link #states()}).
 *
 * @param validHashes the current hash first, then the rest of its class
 * @param states every known hash and why its results count or not: {@code VALID}, {@code STALE},
 *     {@code TRIAGING}, {@code PENDING_DECISION} or {@code RESET_REQUESTED}
 * @param etag the answer's entity tag, sent back to ask whether it changed
 */
public record ValidVersions(
    String jobId,
    String stage,
    String currentHash,
    Set<String> validHashes,
    Map<String, String> states,
    String etag) {

  public boolean isValid(String resultHash) {
    return validHashes.contains(resultHash);
  }
}
