package dev.stalewatch.events;

import java.util.List;
import java.util.regex.Pattern;

/** Kafka topic names (docs/events.md). The {@code .v1} suffix versions the topic, not the schema. */
public final class Topics {

  public static final String VERSION_OBSERVED = "stalewatch.version-observed.v1";
  public static final String VERSION_CHANGES = "stalewatch.version-changes.v1";
  public static final String VERDICTS = "stalewatch.verdicts.v1";
  public static final String CHANGE_DECISIONS = "stalewatch.change-decisions.v1";
  public static final String RESET_REQUESTED = "stalewatch.reset-requested.v1";

  public static final List<String> ALL =
      List.of(VERSION_OBSERVED, VERSION_CHANGES, VERDICTS, CHANGE_DECISIONS, RESET_REQUESTED);

  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Topics() {}

  /**
   * Dead letters are per consumer, {@code <topic>.<consumer-service>.dlq}, so one service's poison
   * records never mix with another's.
   *
   * @throws IllegalArgumentException unless the service name is lower-case letters, digits, dashes
   */
  public static String deadLetter(String topic, String consumerService) {
    if (!SERVICE_NAME.matcher(consumerService).matches()) {
      throw new IllegalArgumentException("not a service name: " + consumerService);
    }
    return topic + "." + consumerService + DEAD_LETTER_SUFFIX;
  }

  public static boolean isDeadLetter(String topic) {
    return topic.endsWith(DEAD_LETTER_SUFFIX);
  }
}
