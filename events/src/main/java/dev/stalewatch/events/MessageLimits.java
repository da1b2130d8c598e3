package dev.stalewatch.events;

/**
 * Size limits. Dead-letter topics allow more than ordinary ones so that a record at the record
 * limit can still be dead-lettered together with its dead-letter headers.
 */
public final class MessageLimits {

  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  /** {@code max.message.bytes} of the event topics and {@code max.request.size} of producers. */
  public static final int MAX_RECORD_BYTES = 2 * MIB;

  /** {@code max.message.bytes} of the dead-letter topics and their producers. */
  public static final int MAX_DEAD_LETTER_RECORD_BYTES = 3 * MIB;

  /** Default limit on the UTF-8 bytes of source text plus all dep texts of one VersionObserved. */
  public static final int DEFAULT_MAX_SOURCE_BYTES = 256 * KIB;

  private MessageLimits() {}
}
