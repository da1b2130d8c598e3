package dev.stalewatch.notifier.client;

/** A way a push reaches people. Implementations never throw: every failure is an outcome. */
public interface Channel {

    /** Stored with each delivery; stable across releases. */
    String name();

    DeliveryOutcome send(OutgoingPush push);
}
