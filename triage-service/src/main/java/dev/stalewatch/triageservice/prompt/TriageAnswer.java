package dev.stalewatch.triageservice.prompt;

import dev.stalewatch.events.Verdict;

/** A well-formed LLM answer: exactly one verdict and a reason. */
public record TriageAnswer(Verdict verdict, String reason) {
}
