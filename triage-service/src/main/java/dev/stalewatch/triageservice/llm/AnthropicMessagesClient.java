package dev.stalewatch.triageservice.llm;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.stalewatch.triageservice.config.LlmConfig;

/**
 * One request to the Anthropic Messages API. Only a turn that ended by itself ({@code end_turn}) counts:
 * {@code max_tokens}, {@code refusal} or any other stop reason leaves the text unusable.
 */
final class AnthropicMessagesClient implements LlmApi {

    static final String API_VERSION = "2023-06-01";

    private final AnthropicMessagesResource resource;
    private final String apiKey;
    private final String model;
    private final int maxTokens;
    private final ThinkingMode thinking;

    AnthropicMessagesClient(LlmConfig config, String apiKey) {
        this.resource = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // the per-attempt deadline is enforced by the caller; this is only a backstop
                .readTimeout(config.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(AnthropicMessagesResource.class);
        this.apiKey = apiKey;
        this.model = config.model();
        this.maxTokens = config.maxTokens();
        this.thinking = ThinkingMode.parse(config.thinking());
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Attempt send(LlmPrompt prompt, Duration timeout) {
        String body = requestBody(prompt, model, maxTokens, thinking).toString();
        return HttpAttempts.await(resource.create(apiKey, API_VERSION, body), timeout, AnthropicMessagesClient::read);
    }

    /** Temperature 0 unless thinking is on: the API refuses a temperature together with thinking. */
    static ObjectNode requestBody(LlmPrompt prompt, String model, int maxTokens, ThinkingMode thinking) {
        ObjectNode body = HttpAttempts.JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", thinking.budgetTokens() > 0 ? thinking.budgetTokens() + maxTokens : maxTokens);
        body.put("system", prompt.system());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.user());
        switch (thinking.kind()) {
            case DISABLED -> {
                body.putObject("thinking").put("type", "disabled");
                body.put("temperature", 0);
            }
            case ADAPTIVE -> body.putObject("thinking").put("type", "adaptive");
            case BUDGET -> body.putObject("thinking").put("type", "enabled").put("budget_tokens", thinking.budgetTokens());
        }
        return body;
    }

    static Attempt read(JsonNode message) {
        String stopReason = message.path("stop_reason").asText("");
        if (!"end_turn".equals(stopReason)) {
            return new Attempt.Unusable("the LLM stopped with stop_reason \"" + stopReason
                    + "\" instead of finishing its answer");
        }
        StringBuilder text = new StringBuilder();
        int textBlocks = 0;
        for (JsonNode block : message.path("content")) {
            // thinking blocks are the model's scratch work, not its answer
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText(""));
                textBlocks++;
            }
        }
        if (textBlocks == 0) {
            return new Attempt.Unusable("the LLM answer holds no text");
        }
        return new Attempt.Answered(text.toString(), message.path("model").asText(null));
    }
}
