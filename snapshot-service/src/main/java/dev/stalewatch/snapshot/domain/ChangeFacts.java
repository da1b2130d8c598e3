package dev.stalewatch.snapshot.domain;

import dev.stalewatch.events.ChangeState;

/**
 * A change as reconciliation sees it. {@code deploy} marks the change made when current moved:
 * it is triaged first, and the changes toward the class current moved away from wait for it.
 */
public record ChangeFacts(long id, String oldHash, String newHash, ChangeState state, boolean deploy,
        long staleItems) {

    public boolean open() {
        return state.isOpen();
    }
}
