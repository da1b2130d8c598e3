package dev.stalewatch.notifier.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads one Pushover answer (status code and body) as a {@link DeliveryOutcome}. */
public final class PushoverAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 200;

    private PushoverAnswer() {
    }

    public static DeliveryOutcome classify(int status, String body) {
        Optional<JsonNode> json = parse(body);
        if (status >= 200 && status < 300) {
            if (json.isEmpty()) {
                // not Pushover speaking (a proxy's page?): whether it was delivered is unknown, so try again
                return new DeliveryOutcome.RetryLater("HTTP " + status + " with a body that is not Pushover's JSON");
            }
            if (json.get().path("status").asInt(0) == 1) {
                return new DeliveryOutcome.Sent(json.get().path("request").asText(null));
            }
            return new DeliveryOutcome.Rejected(errors(json.get(), body));
        }
        if (status == 429) {
            return new DeliveryOutcome.RetryLater("HTTP 429: " + json.map(j -> errors(j, body)).orElse("rate limited"));
        }
        if (status >= 400 && status < 500) {
            return new DeliveryOutcome.Rejected(json.map(j -> errors(j, body)).orElse("HTTP " + status + ": " + snippet(body)));
        }
        return new DeliveryOutcome.RetryLater("HTTP " + status);
    }

    /** Pushover's {@code errors} array joined; the body itself if there is none. */
    static String errors(JsonNode json, String body) {
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(error -> errors.add(error.asText()));
        return errors.isEmpty() ? snippet(body) : String.join("; ", errors);
    }

    private static String snippet(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
    }

    private static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
