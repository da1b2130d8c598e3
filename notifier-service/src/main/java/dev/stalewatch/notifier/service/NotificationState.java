package dev.stalewatch.notifier.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a change's push stands, over all its channels: waiting in a digest window; queued or being retried;
 * delivered everywhere; refused (or given up) on at least one channel.
 */
public enum NotificationState {
    DIGESTING,
    PENDING,
    SENT,
    FAILED;

    public static Optional<NotificationState> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equals(text.trim().toUpperCase(Locale.ROOT))).findFirst();
    }
}
