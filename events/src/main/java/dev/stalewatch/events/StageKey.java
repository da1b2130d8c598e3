package dev.stalewatch.events;

/**
 * The Kafka key {@code jobId/stage}. Job and stage names cannot contain {@code /}, so the key
 * splits back unambiguously.
 */
public record StageKey(String jobId, String stage) {

  public static String format(String jobId, String stage) {
    return jobId + "/" + stage;
  }

  /** @throws IllegalArgumentException unless the key is two valid names joined by one {@code /} */
  public static StageKey parse(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a jobId/stage key: " + key);
    }
    StageKey parsed = new StageKey(key.substring(0, slash), key.substring(slash + 1));
    if (!WirePatterns.NAME.matcher(parsed.jobId).matches()
        || !WirePatterns.NAME.matcher(parsed.stage).matches()) {
      throw new IllegalArgumentException("not a jobId/stage key: " + key);
    }
    return parsed;
  }

  @Override
  public String toString() {
    return format(jobId, stage);
  }
}
