package dev.stalewatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stage worker reports the version hash of its code, the code itself and its histogram of
 * stored results per hash. Without {@code source} it is a <em>histogram-only</em> report that just
 * refreshes counts for an already known hash.
 *
 * @param deps never null: an absent list decodes as empty
 * @param resultVersions stored results per version hash; the newest report replaces the previous
 */
public record VersionObserved(
    String eventId,
    Integer schemaVersion,
    Instant observedAt,
    String jobId,
    String stage,
    String versionHash,
    String hashAlgorithm,
    String language,
    Source source,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Dep> deps,
    Map<String, Long> resultVersions,
    String workerId)
    implements StalewatchEvent {

  public VersionObserved {
    deps = deps == null ? List.of() : Copies.list(deps);
    resultVersions = Copies.map(resultVersions);
  }

  /** A full report, with source, under any hash algorithm. */
  public static VersionObserved create(
      String jobId,
      String stage,
      String versionHash,
      String hashAlgorithm,
      String language,
      Source source,
      List<Dep> deps,
      Map<String, Long> resultVersions,
      String workerId) {
    return new VersionObserved(
        EventDefaults.newEventId(),
        SCHEMA_VERSION,
        EventDefaults.now(),
        jobId,
        stage,
        versionHash,
        hashAlgorithm,
        language,
        source,
        deps,
        resultVersions,
        workerId);
  }

  /** A full report whose hash is computed here with {@link VersionHash stalewatch-sha256-v1}. */
  public static VersionObserved withStalewatchHash(
      String jobId,
      String stage,
      String language,
      Source source,
      List<Dep> deps,
      Map<String, Long> resultVersions,
      String workerId) {
    return create(
        jobId,
        stage,
        VersionHash.compute(language, source, deps),
        VersionHash.ALGORITHM,
        language,
        source,
        deps,
        resultVersions,
        workerId);
  }

  /** Refreshes the histogram only; {@code versionHash} must already be known to Stalewatch. */
  public static VersionObserved histogramOnly(
      String jobId,
      String stage,
      String versionHash,
      String hashAlgorithm,
      Map<String, Long> resultVersions,
      String workerId) {
    return create(
        jobId, stage, versionHash, hashAlgorithm, null, null, null, resultVersions, workerId);
  }

  public boolean hasSource() {
    return source != null;
  }

  /** The same report, observed at {@code at} instead. */
  public VersionObserved withObservedAt(Instant at) {
    return new VersionObserved(eventId, schemaVersion, at, jobId, stage, versionHash, hashAlgorithm, language,
        source, deps, resultVersions, workerId);
  }

  @Override
  public Instant timestamp() {
    return observedAt;
  }

  @Override
  public EventType eventType() {
    return EventType.VERSION_OBSERVED;
  }
}
