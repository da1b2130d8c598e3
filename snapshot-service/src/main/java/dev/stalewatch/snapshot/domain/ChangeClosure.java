package dev.stalewatch.snapshot.domain;

import dev.stalewatch.events.ChangeState;

/** An open change reconciliation closes, and why. */
public record ChangeClosure(ChangeFacts change, ChangeState to, String reason) {
}
