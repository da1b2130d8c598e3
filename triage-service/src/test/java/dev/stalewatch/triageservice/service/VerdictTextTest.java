package dev.stalewatch.triageservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

class VerdictTextTest {

    @Test
    void dropsNulOtherC0ControlsDelAndUnpairedSurrogatesButKeepsTabLineFeedAndEverythingElse() {
        String emoji = "\ud83d\ude00";
        assertEquals("a\tb\nc d" + emoji + "é€",
                VerdictText.clean("a\u0000\tb\r\n\u0001c\u001b d\u007f" + emoji + "\ud800é\udc00€"));
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String text = "Only a log line was added.\n\tNothing else.";
        assertSame(text, VerdictText.clean(text));
        assertNull(VerdictText.clean(null));
    }

    @Test
    void everyDecisionIsCleanedAndABlankReasonOrModelDoesNotSurvive() {
        Decision fallback = Decision.fallback("the LLM API refused the request (HTTP 400: bad\u0000 input)");
        assertEquals("the LLM API refused the request (HTTP 400: bad input)", fallback.reason());

        Decision llm = Decision.byLlm(Verdict.COSMETIC, "claude\u0000-x", "\u0000\u0001");
        assertEquals("claude-x", llm.model());
        assertEquals(Decision.NO_REASON, llm.reason());
        assertNull(new Decision(Verdict.SEMANTIC, Method.LLM, "\u0000", "why").model());
    }
}
