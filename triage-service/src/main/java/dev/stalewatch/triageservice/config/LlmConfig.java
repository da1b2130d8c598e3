package dev.stalewatch.triageservice.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** Which LLM answers, and how long and how often it may be asked. */
public interface LlmConfig {

    /** {@code anthropic}, {@code openai} (any OpenAI-compatible server) or {@code none}. */
    @WithDefault("anthropic")
    LlmProvider provider();

    /** Scheme, host and port (and a path prefix if any), without {@code /v1/...}. */
    @WithDefault("https://api.anthropic.com")
    String baseUrl();

    /** Never logged. Required for {@code anthropic}; optional for local OpenAI-compatible servers. */
    Optional<String> apiKey();

    @WithDefault("claude-opus-5")
    String model();

    @WithDefault("2048")
    int maxTokens();

    /**
     * {@code disabled} (temperature 0), {@code adaptive}, or a token budget for extended thinking; with
     * thinking on no temperature is sent, because the API refuses both together.
     */
    @WithDefault("disabled")
    String thinking();

    /** Upper bound on one decision's LLM time, retries and waits included. */
    @WithDefault("PT120S")
    Duration totalTimeout();

    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT20S")
    Duration maxBackoff();

    @WithDefault("PT5S")
    Duration connectTimeout();

    enum LlmProvider {
        ANTHROPIC, OPENAI, NONE
    }
}
