package dev.stalewatch.events;

import java.util.regex.Pattern;

/** The shapes identifiers must have on the wire (docs/events.md); the JSON Schemas repeat them. */
public final class WirePatterns {

  /** Job and stage names: no {@code /}, so {@code jobId/stage} is an unambiguous key. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** Version hashes are opaque strings of whatever algorithm the pipeline uses. */
  public static final Pattern HASH = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  public static final Pattern HASH_ALGORITHM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Programming language names such as {@code python}, {@code c++}, {@code c#}. */
  public static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_.+#-]{1,64}");

  public static final Pattern CHANGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Canonical 8-4-4-4-12 form only; Jackson's UUID parser would also take base64. */
  public static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private WirePatterns() {}
}
