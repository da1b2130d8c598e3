package dev.stalewatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How triage compares a dependency: {@code code} structurally, {@code text} byte for byte. */
public enum DepKind {
  @JsonProperty("code")
  CODE("code"),
  @JsonProperty("text")
  TEXT("text");

  private final String wireName;

  DepKind(String wireName) {
    this.wireName = wireName;
  }

  /** Lower case, as on the wire and as hashed by stalewatch-sha256-v1. */
  public String wireName() {
    return wireName;
  }
}
