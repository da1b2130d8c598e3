package dev.stalewatch.triageservice.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/** Turns one REST-client call into an {@link Attempt}, the same way for every LLM protocol. */
final class HttpAttempts {

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpAttempts() {
    }

    /**
     * Waits at most {@code timeout}; a 2xx body goes to {@code onSuccess}, an error status becomes
     * {@link Attempt.HttpError} with the API's own message (never the request, which holds no secret
     * anyway but can be large).
     */
    static Attempt await(Uni<Response> call, Duration timeout, Function<JsonNode, Attempt> onSuccess) {
        Response response;
        try {
            response = call.await().atMost(timeout);
        } catch (TimeoutException e) {
            return new Attempt.TimedOut();
        } catch (RuntimeException e) {
            return new Attempt.ConnectionError(rootMessage(e));
        }
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status < 200 || status > 299) {
                return new Attempt.HttpError(status, errorMessage(body),
                        RetryAfter.parse(response.getHeaderString("retry-after-ms"),
                                response.getHeaderString("retry-after"), Instant.now()));
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (Exception e) {
                return new Attempt.Unusable("the LLM API answered 200 with a body that is not JSON");
            }
            if (json == null || !json.isObject()) {
                return new Attempt.Unusable("the LLM API answered 200 with a body that is not a JSON object");
            }
            return onSuccess.apply(json);
        } catch (RuntimeException e) {
            return new Attempt.ConnectionError(rootMessage(e));
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json.path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (Exception e) {
            // not JSON: fall through to a shortened body
        }
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
