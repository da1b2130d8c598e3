package dev.stalewatch.notifier.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

class DecisionFilterTest {

    private final DecisionFilter byDefault = new DecisionFilter(false);

    @Test
    void pendingSemanticFromLlmOrFallbackIsPushed() {
        assertTrue(byDefault.deservesPush(decided(ChangeState.PENDING, Verdict.SEMANTIC, Method.LLM, 5)));
        assertTrue(byDefault.deservesPush(decided(ChangeState.PENDING, Verdict.SEMANTIC, Method.FALLBACK, 5)));
    }

    @Test
    void noBaselineIsPushedOnlyWhenConfigured() {
        ChangeDecided noBaseline = decided(ChangeState.PENDING, Verdict.SEMANTIC, Method.NO_BASELINE, 5);
        assertFalse(byDefault.deservesPush(noBaseline));
        assertTrue(new DecisionFilter(true).deservesPush(noBaseline));
    }

    @Test
    void manualReopeningsCosmeticOutcomesOtherStatesAndNothingStaleAreNotPushed() {
        assertFalse(byDefault.deservesPush(decided(ChangeState.PENDING, Verdict.SEMANTIC, Method.MANUAL, 5)));
        assertFalse(byDefault.deservesPush(decided(ChangeState.AUTO_BLESSED, Verdict.COSMETIC, Method.LLM, 5)));
        assertFalse(byDefault.deservesPush(decided(ChangeState.BLESSED, Verdict.SEMANTIC, Method.LLM, 5)));
        assertFalse(byDefault.deservesPush(decided(ChangeState.SUPERSEDED, Verdict.SEMANTIC, Method.LLM, 5)));
        assertFalse(byDefault.deservesPush(decided(ChangeState.TRIAGING, null, null, 5)));
        assertFalse(byDefault.deservesPush(decided(ChangeState.PENDING, Verdict.SEMANTIC, Method.LLM, 0)));
    }

    private static ChangeDecided decided(ChangeState state, Verdict verdict, Method method, long stale) {
        return ChangeDecided.create("c-1", "job", "stage", "aaaaaaaa", "bbbbbbbb", state, verdict, method, "why",
                stale, null);
    }
}
