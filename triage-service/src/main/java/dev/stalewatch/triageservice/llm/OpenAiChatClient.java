package dev.stalewatch.triageservice.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.stalewatch.triageservice.config.LlmConfig;

/**
 * One request to an OpenAI-compatible chat completions endpoint (local model servers). Only
 * {@code finish_reason: "stop"} counts as a finished answer.
 */
final class OpenAiChatClient implements LlmApi {

    private final OpenAiChatResource resource;
    private final String authorization;
    private final String model;
    private final int maxTokens;

    OpenAiChatClient(LlmConfig config, Optional<String> apiKey) {
        this.resource = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(OpenAiChatResource.class);
        this.authorization = apiKey.map(key -> "Bearer " + key).orElse(null);
        this.model = config.model();
        this.maxTokens = config.maxTokens();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Attempt send(LlmPrompt prompt, Duration timeout) {
        ObjectNode body = HttpAttempts.JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        return HttpAttempts.await(resource.create(authorization, body.toString()), timeout, OpenAiChatClient::read);
    }

    static Attempt read(JsonNode completion) {
        JsonNode choices = completion.path("choices");
        if (!choices.isArray() || choices.size() != 1) {
            return new Attempt.Unusable("the LLM answer holds " + choices.size() + " choices instead of one");
        }
        JsonNode choice = choices.get(0);
        String finish = choice.path("finish_reason").asText("");
        if (!"stop".equals(finish)) {
            return new Attempt.Unusable("the LLM stopped with finish_reason \"" + finish
                    + "\" instead of finishing its answer");
        }
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            return new Attempt.Unusable("the LLM answer holds no text");
        }
        return new Attempt.Answered(content.asText(), completion.path("model").asText(null));
    }
}
