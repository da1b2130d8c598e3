package dev.stalewatch.notifier.service;

import java.util.EnumSet;
import java.util.Set;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/**
 * Which decisions reach a person (docs/notifier.md): a change entering PENDING with a SEMANTIC verdict from
 * triage (LLM or FALLBACK; NO_BASELINE only when configured) and stale items to speak of. Cosmetic
 * outcomes, MANUAL reopenings and every other transition only show in {@code jobctl stale}.
 */
public final class DecisionFilter {

    private final Set<Method> pushedMethods;

    public DecisionFilter(boolean pushNoBaseline) {
        this.pushedMethods = pushNoBaseline
                ? EnumSet.of(Method.LLM, Method.FALLBACK, Method.NO_BASELINE)
                : EnumSet.of(Method.LLM, Method.FALLBACK);
    }

    public boolean deservesPush(ChangeDecided decision) {
        return decision.state() == ChangeState.PENDING
                && decision.verdict() == Verdict.SEMANTIC
                && decision.method() != null && pushedMethods.contains(decision.method())
                && decision.staleItems() != null && decision.staleItems() > 0;
    }
}
