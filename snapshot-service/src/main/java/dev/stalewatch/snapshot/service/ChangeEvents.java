package dev.stalewatch.snapshot.service;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.outbox.OutboxMessages;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;

/**
 * Records a change's new state in its history and announces it through the outbox, in the
 * caller's transaction: the state, its history row and its events commit together.
 */
@ApplicationScoped
public class ChangeEvents {

    @Inject
    ChangeRepository changes;
    @Inject
    Outbox outbox;
    @Inject
    EventCodec codec;

    /** Every accepted transition (creation included) is history and a ChangeDecided. */
    public void decided(Connection tx, ChangeRecord change) throws Exception {
        changes.recordHistory(tx, change);
        ChangeDecided decided = ChangeDecided.create(change.changeId(), change.jobId(), change.stage(),
                change.oldHash(), change.newHash(), change.state(), change.verdict(), change.method(),
                change.reason(), change.staleItems(), change.author());
        outbox.append(tx, OutboxMessages.of(Topics.CHANGE_DECISIONS, decided, codec));
    }

    /** Asks triage-service for a verdict on this attempt of the change. */
    public void triageRequested(Connection tx, ChangeRecord change) throws Exception {
        VersionChanged request = VersionChanged.create(change.changeId(), change.attempt(), change.jobId(),
                change.stage(), change.oldHash(), change.newHash(), change.staleItems());
        outbox.append(tx, OutboxMessages.of(Topics.VERSION_CHANGES, request, codec));
    }
}
