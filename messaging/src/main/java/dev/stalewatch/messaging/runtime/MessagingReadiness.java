package dev.stalewatch.messaging.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service's readiness check reports for its messaging: each consumer loop and the outbox
 * relay, UP or DOWN with the reason. Framework-free, so every service reports the same way.
 *
 * @param details one entry per loop and one for the relay, e.g. {@code "DOWN java.sql.SQLException: …"}
 */
public record MessagingReadiness(boolean up, Map<String, String> details) {

    static MessagingReadiness of(MessagingRuntime runtime) {
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        for (var loop : runtime.health()) {
            details.put(loop.loop(), (loop.up() ? "UP " : "DOWN ") + loop.reason());
            up &= loop.up();
        }
        var relay = runtime.relay();
        details.put("outbox-relay", relay.healthy() ? "UP" : "DOWN " + relay.lastFailure());
        up &= relay.healthy();
        return new MessagingReadiness(up, Map.copyOf(details));
    }
}
