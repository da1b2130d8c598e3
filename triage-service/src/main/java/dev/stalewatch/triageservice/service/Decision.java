package dev.stalewatch.triageservice.service;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/**
 * A triage decision before it is tied to a change: verdict, how it was reached, by which model, why.
 * Model and reason are cleaned on the way in ({@link VerdictText}), whatever produced them, so every
 * decision can be stored and published; a model left blank is none, a reason left blank says so.
 */
public record Decision(Verdict verdict, Method method, String model, String reason) {

    static final String NO_REASON = "no reason was given";

    public Decision {
        model = VerdictText.clean(model);
        if (model != null && model.isBlank()) {
            model = null;
        }
        reason = VerdictText.clean(reason);
        if (reason == null || reason.isBlank()) {
            reason = NO_REASON;
        }
    }

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
