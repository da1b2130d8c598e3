package dev.stalewatch.triageservice.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.stalewatch.triageservice.config.LlmConfig;
import dev.stalewatch.triageservice.config.TriageConfig;
import dev.stalewatch.triageservice.metrics.TriageMetrics;

/**
 * Asks the configured LLM within a total time bound: retries 408/409/429/5xx/529 and connection errors
 * with exponential backoff and jitter (or the server's {@code retry-after}), never other 4xx, and gives
 * up with a reason in words when the bound would be passed. A wait that does not fit in what is left
 * of the bound, however large the server's {@code retry-after}, is not started: the answer is the
 * failure at once (the caller's FALLBACK), never a sleep past the bound. The API key is held here and
 * sent as a header; it is never logged or put in a message.
 */
@Startup // logs the LLM settings (never the key) at start, not at the first change
@ApplicationScoped
public class LlmClient {

    private static final Logger LOG = Logger.getLogger(LlmClient.class);

    private final Optional<LlmApi> api;
    private final String notConfiguredReason;
    private final RetryPolicy retryPolicy;
    private final Duration totalTimeout;
    private final TriageMetrics metrics;

    @Inject
    public LlmClient(TriageConfig config, TriageMetrics metrics) {
        LlmConfig llm = config.llm();
        Optional<String> apiKey = llm.apiKey().map(String::trim).filter(key -> !key.isEmpty());
        this.metrics = metrics;
        this.totalTimeout = llm.totalTimeout();
        this.retryPolicy = new RetryPolicy(llm.initialBackoff(), llm.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        switch (llm.provider()) {
            case ANTHROPIC -> {
                this.api = apiKey.map(key -> new AnthropicMessagesClient(llm, key));
                this.notConfiguredReason = "no LLM is configured (ANTHROPIC_API_KEY is not set)";
            }
            case OPENAI -> {
                this.api = Optional.of(new OpenAiChatClient(llm, apiKey));
                this.notConfiguredReason = "";
            }
            default -> {
                this.api = Optional.empty();
                this.notConfiguredReason = "no LLM is configured (provider none)";
            }
        }
        LOG.infof("LLM: provider %s, model %s, base URL %s, total bound %s s, key %s", llm.provider(), llm.model(),
                llm.baseUrl(), totalTimeout.toSeconds(), apiKey.isPresent() ? "set" : "not set");
    }

    public boolean configured() {
        return api.isPresent();
    }

    /** The model asked, or empty when no LLM is configured. */
    public Optional<String> model() {
        return api.map(LlmApi::model);
    }

    public LlmOutcome ask(LlmPrompt prompt) {
        if (api.isEmpty()) {
            return new LlmOutcome.Failure(notConfiguredReason);
        }
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        String lastFailure = "no request was sent";
        for (int request = 1; ; request++) {
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                return new LlmOutcome.Failure(boundPassed(lastFailure));
            }
            long started = System.nanoTime();
            Attempt attempt = api.get().send(prompt, remaining);
            metrics.llmRequest(outcomeTag(attempt), Duration.ofNanos(System.nanoTime() - started));
            if (attempt instanceof Attempt.Answered answered) {
                return new LlmOutcome.Answer(answered.text(),
                        answered.model() == null || answered.model().isBlank() ? api.get().model() : answered.model());
            }
            if (attempt instanceof Attempt.Unusable unusable) {
                return new LlmOutcome.Failure(unusable.why());
            }
            if (attempt instanceof Attempt.TimedOut) {
                return new LlmOutcome.Failure("the LLM did not answer within the " + seconds(totalTimeout)
                        + " time bound");
            }
            lastFailure = describe(attempt);
            if (!RetryPolicy.retryable(attempt)) {
                return new LlmOutcome.Failure("the LLM API refused the request (" + lastFailure + "); not retried");
            }
            Optional<Duration> retryAfter = attempt instanceof Attempt.HttpError error ? error.retryAfter()
                    : Optional.empty();
            Duration delay = retryPolicy.delayBefore(request, retryAfter);
            // compared as durations: a huge retry-after must not overflow nanoTime arithmetic into "in time"
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (delay.compareTo(left) >= 0) {
                if (retryAfter.isPresent()) {
                    return new LlmOutcome.Failure("the LLM API asked to wait " + waitInWords(retryAfter.get())
                            + " before retrying, longer than the " + seconds(totalTimeout) + " time bound allows (last: "
                            + lastFailure + ")");
                }
                return new LlmOutcome.Failure(boundPassed(lastFailure));
            }
            LOG.infof("LLM request %d failed (%s); retrying in %d ms", request, lastFailure, delay.toMillis());
            if (!sleep(delay)) {
                return new LlmOutcome.Failure("interrupted while waiting to retry the LLM");
            }
        }
    }

    private String boundPassed(String lastFailure) {
        return "the LLM gave no usable answer within the " + seconds(totalTimeout) + " time bound (last: "
                + lastFailure + ")";
    }

    private static String describe(Attempt attempt) {
        if (attempt instanceof Attempt.HttpError error) {
            return "HTTP " + error.status() + (error.message().isBlank() ? "" : ": " + error.message());
        }
        if (attempt instanceof Attempt.ConnectionError error) {
            return "connection failed: " + error.message();
        }
        return attempt.toString();
    }

    private static String outcomeTag(Attempt attempt) {
        if (attempt instanceof Attempt.Answered) {
            return "answered";
        }
        if (attempt instanceof Attempt.Unusable) {
            return "unusable";
        }
        if (attempt instanceof Attempt.HttpError error) {
            return "http_" + error.status();
        }
        if (attempt instanceof Attempt.ConnectionError) {
            return "connection_error";
        }
        return "timeout";
    }

    private static String waitInWords(Duration wait) {
        if (wait.compareTo(RetryAfter.CEILING) >= 0) {
            return "a day or more";
        }
        return wait.toSeconds() >= 10 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
