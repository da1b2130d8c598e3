package dev.stalewatch.notifier.rest.dto;

import java.time.Instant;
import java.util.List;

/** A change that deserved a push, and how its delivery stands. */
public record NotificationView(String changeId, String jobId, String stage, String method, String reason,
        long staleItems, String state, Long pushId, Instant recordedAt, List<DeliveryView> deliveries) {
}
