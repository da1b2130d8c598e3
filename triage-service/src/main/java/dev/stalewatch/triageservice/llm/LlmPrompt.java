package dev.stalewatch.triageservice.llm;

/** What one LLM request carries: standing instructions and the fenced material. */
public record LlmPrompt(String system, String user) {
}
