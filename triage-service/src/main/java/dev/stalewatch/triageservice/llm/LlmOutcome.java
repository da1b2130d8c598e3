package dev.stalewatch.triageservice.llm;

/** The result of asking the LLM within the time bound, retries included. */
public sealed interface LlmOutcome {

    /** The API's answer text, not yet checked for a verdict. */
    record Answer(String text, String model) implements LlmOutcome {
    }

    /** No answer to use; {@code reason} says why in words (it becomes the verdict's reason). */
    record Failure(String reason) implements LlmOutcome {
    }
}
