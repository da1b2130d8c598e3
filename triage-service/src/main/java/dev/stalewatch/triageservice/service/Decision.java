package dev.stalewatch.triageservice.service;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/** A triage decision before it is tied to a change: verdict, how it was reached, by which model, why. */
public record Decision(Verdict verdict, Method method, String model, String reason) {

    public static Decision cosmetic(Method method, String reason) {
        return new Decision(Verdict.COSMETIC, method, null, reason);
    }

    /** The safe side (docs/triage.md): whenever a clean answer is missing, the change counts as semantic. */
    public static Decision fallback(String reason) {
        return new Decision(Verdict.SEMANTIC, Method.FALLBACK, null, reason);
    }

    public static Decision noBaseline(String reason) {
        return new Decision(Verdict.SEMANTIC, Method.NO_BASELINE, null, reason);
    }

    public static Decision byLlm(Verdict verdict, String model, String reason) {
        return new Decision(verdict, Method.LLM, model, reason);
    }
}
