package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;

/** A request the Anthropic stub received, with the parts tests check most often pulled out. */
public record AnthropicRequest(String apiKey, String anthropicVersion, JsonNode body, StubRequest raw) {

    static AnthropicRequest of(StubRequest raw) {
        JsonNode body = Json.read(raw.body()).orElse(Json.object());
        return new AnthropicRequest(raw.header("x-api-key"), raw.header("anthropic-version"), body, raw);
    }

    public String model() {
        return body.path("model").asText(null);
    }

    public int maxTokens() {
        return body.path("max_tokens").asInt(-1);
    }

    /** The system prompt, whether sent as a string or as text blocks. */
    public String system() {
        return MessageText.of(body.path("system"));
    }

    /** The text of the last {@code user} message. */
    public String lastUserText() {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return MessageText.of(messages.get(i).path("content"));
            }
        }
        return null;
    }
}
