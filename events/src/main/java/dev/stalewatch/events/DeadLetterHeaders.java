package dev.stalewatch.events;

import java.util.List;

/** Kafka header names on a dead-lettered record; the same names SmallRye Reactive Messaging uses. */
public final class DeadLetterHeaders {

  /** Why the record could not be processed, e.g. the validation message. */
  public static final String REASON = "dead-letter-reason";
  /** The message of the underlying cause, if any. */
  public static final String CAUSE = "dead-letter-cause";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";
  public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";

  public static final List<String> ALL =
      List.of(REASON, CAUSE, TOPIC, PARTITION, OFFSET, EXCEPTION_CLASS_NAME);

  private DeadLetterHeaders() {}
}
