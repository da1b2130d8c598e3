package dev.stalewatch.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The contract rules of docs/events.md for events built in Java or decoded from JSON. Services call
 * {@link #validate} before publishing (e.g. POST /api/observations); {@link EventCodec} calls it
 * after decoding. Instances are immutable and thread-safe.
 */
public final class EventValidator {

  /** No Stalewatch event is older: an earlier time is a broken clock or a unit mistake (seconds for ms). */
  public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
  /**
   * How far ahead of this clock an event's time may be. A worker whose clock is ahead within this is
   * accepted (snapshot-service takes such a report as observed when it arrives and names the worker).
   */
  public static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);

  private final ObservationRules observationRules;
  private final int maxSourceBytes;
  private final Clock clock;

  /** With the default source + deps limit of {@link MessageLimits#DEFAULT_MAX_SOURCE_BYTES}. */
  public EventValidator() {
    this(MessageLimits.DEFAULT_MAX_SOURCE_BYTES);
  }

  /** @param maxSourceBytes limit on UTF-8 bytes of source text plus all dep texts */
  public EventValidator(int maxSourceBytes) {
    this(maxSourceBytes, Clock.systemUTC());
  }

  /** @param clock the "now" that bounds event times */
  public EventValidator(int maxSourceBytes, Clock clock) {
    this.clock = clock;
    if (maxSourceBytes <= 0) {
      throw new IllegalArgumentException("maxSourceBytes must be positive: " + maxSourceBytes);
    }
    this.maxSourceBytes = maxSourceBytes;
    this.observationRules = new ObservationRules(maxSourceBytes);
  }

  public int maxSourceBytes() {
    return maxSourceBytes;
  }

  /** @return the event itself, for chaining */
  public <T extends StalewatchEvent> T validate(T event) {
    return validate(event, TextFacts.UNKNOWN);
  }

  /** As {@link #validate(StalewatchEvent)}, skipping the text walks the wire bytes made needless. */
  <T extends StalewatchEvent> T validate(T event, TextFacts facts) {
    List<Violation> violations = violations(event, facts);
    if (!violations.isEmpty()) {
      throw new EventValidationException(violations);
    }
    return event;
  }

  /** Every rule the event breaks, in field order; empty if it is valid. */
  public List<Violation> violations(StalewatchEvent event) {
    return violations(event, TextFacts.UNKNOWN);
  }

  private List<Violation> violations(StalewatchEvent event, TextFacts facts) {
    Checks checks = new Checks();
    checkCommon(event, checks);
    if (event instanceof VersionObserved observed) {
      observationRules.check(observed, checks, facts);
    } else if (event instanceof VersionChanged changed) {
      checkChange(changed.changeId(), changed.oldHash(), changed.newHash(), changed.staleItems(), checks);
      checks.requiredAtLeast("attempt", changed.attempt(), 1);
    } else if (event instanceof TriageVerdict verdict) {
      checkChange(verdict.changeId(), verdict.oldHash(), verdict.newHash(), verdict.staleItems(), checks);
      checks.requiredAtLeast("attempt", verdict.attempt(), 1);
      checks.required("verdict", verdict.verdict());
      checks.required("method", verdict.method());
      checks.requiredText("reason", verdict.reason());
      checks.wellFormedText("reason", verdict.reason(), facts);
      checks.wellFormedText("model", verdict.model(), facts);
    } else if (event instanceof ChangeDecided decided) {
      checkChange(decided.changeId(), decided.oldHash(), decided.newHash(), decided.staleItems(), checks);
      checks.required("state", decided.state());
      checks.wellFormedText("reason", decided.reason(), facts);
      checks.wellFormedText("author", decided.author(), facts);
    } else if (event instanceof ResetRequested reset) {
      checkReset(reset, checks);
      checks.wellFormedText("requestedBy", reset.requestedBy(), facts);
    }
    return checks.violations();
  }

  private void checkCommon(StalewatchEvent event, Checks checks) {
    checks.requiredMatch("eventId", event.eventId(), WirePatterns.UUID);
    Integer schemaVersion = event.schemaVersion();
    if (checks.required("schemaVersion", schemaVersion)
        && schemaVersion != StalewatchEvent.SCHEMA_VERSION) {
      checks.add("schemaVersion", "must be " + StalewatchEvent.SCHEMA_VERSION + ", was " + schemaVersion);
    }
    checks.requiredWithin(event.eventType().timestampField(), event.timestamp(), EARLIEST_TIME,
        clock.instant().plus(MAX_CLOCK_AHEAD), "no earlier than 2000, no later than a day from now");
    checks.requiredMatch("jobId", event.jobId(), WirePatterns.NAME);
    checks.requiredMatch("stage", event.stage(), WirePatterns.NAME);
  }

  private static void checkChange(
      String changeId, String oldHash, String newHash, Long staleItems, Checks checks) {
    checks.requiredMatch("changeId", changeId, WirePatterns.CHANGE_ID);
    checks.requiredMatch("oldHash", oldHash, WirePatterns.HASH);
    checks.requiredMatch("newHash", newHash, WirePatterns.HASH);
    checks.requiredAtLeast("staleItems", staleItems, 0);
  }

  private static void checkReset(ResetRequested reset, Checks checks) {
    checks.requiredMatch("currentHash", reset.currentHash(), WirePatterns.HASH);
    List<String> staleHashes = reset.staleHashes();
    if (checks.required("staleHashes", staleHashes)) {
      for (int i = 0; i < staleHashes.size(); i++) {
        checks.requiredMatch("staleHashes[" + i + "]", staleHashes.get(i), WirePatterns.HASH);
      }
    }
    checks.requiredText("requestedBy", reset.requestedBy());
  }
}
