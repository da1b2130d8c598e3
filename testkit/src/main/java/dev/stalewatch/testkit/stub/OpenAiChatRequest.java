package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;

/** A request the OpenAI-compatible stub received. */
public record OpenAiChatRequest(String authorization, JsonNode body, StubRequest raw) {

    static OpenAiChatRequest of(StubRequest raw) {
        return new OpenAiChatRequest(raw.header("authorization"), Json.read(raw.body()).orElse(Json.object()), raw);
    }

    /** The key after {@code Bearer }, or null. */
    public String apiKey() {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    public String model() {
        return body.path("model").asText(null);
    }

    /** The text of the last message with the given role ({@code system}, {@code user}). */
    public String lastText(String role) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (role.equals(messages.get(i).path("role").asText())) {
                return MessageText.of(messages.get(i).path("content"));
            }
        }
        return null;
    }
}
