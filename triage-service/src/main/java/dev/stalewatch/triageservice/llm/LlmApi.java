package dev.stalewatch.triageservice.llm;

import java.time.Duration;

/** One LLM wire protocol: sends one request, no retries. */
public interface LlmApi {

    /** Sends the prompt once and waits at most {@code timeout} for the answer. */
    Attempt send(LlmPrompt prompt, Duration timeout);

    /** The model asked, as recorded with a verdict. */
    String model();
}
