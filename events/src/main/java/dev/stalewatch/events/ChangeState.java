package dev.stalewatch.events;

/** Life cycle of a change (docs/architecture.md). TRIAGING and PENDING are the open states. */
public enum ChangeState {
  TRIAGING,
  PENDING,
  AUTO_BLESSED,
  BLESSED,
  RESET,
  IMPLIED,
  SUPERSEDED,
  OBSOLETE;

  public boolean isOpen() {
    return this == TRIAGING || this == PENDING;
  }
}
