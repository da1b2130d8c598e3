package dev.stalewatch.triageservice.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.stalewatch.events.Verdict;

class TriageAnswerParserTest {

    @Test
    void readsOneCleanVerdict() throws Exception {
        TriageAnswer answer = TriageAnswerParser.parse(" {\"verdict\": \"semantic\", \"reason\": \"Threshold 0.5 -> 0.7.\"}\n");
        assertEquals(Verdict.SEMANTIC, answer.verdict());
        assertEquals("Threshold 0.5 -> 0.7.", answer.reason());
    }

    @Test
    void acceptsOneMarkdownCodeFenceAroundTheObject() throws Exception {
        TriageAnswer answer = TriageAnswerParser.parse("```json\n{\"verdict\":\"cosmetic\",\"reason\":\"log only\"}\n```");
        assertEquals(Verdict.COSMETIC, answer.verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "cosmetic",
        "{\"verdict\":\"cosmetic, mostly\",\"reason\":\"x\"}",
        "{\"verdict\":\"Cosmetic\",\"reason\":\"x\"}",
        "{\"verdict\":\"cosmetic\"}",
        "{\"verdict\":\"cosmetic\",\"reason\":\"  \"}",
        "{\"verdict\":[\"cosmetic\"],\"reason\":\"x\"}",
        "{\"verdict\":\"cosmetic\",\"verdict\":\"semantic\",\"reason\":\"x\"}",
        "{\"verdict\":\"cosmetic\",\"reason\":\"x\"} {\"verdict\":\"semantic\",\"reason\":\"y\"}",
        "{\"verdict\":\"cosmetic\",\"reason\":\"x\",\"confidence\":0.4}",
        "I think {\"verdict\":\"cosmetic\",\"reason\":\"x\"}",
        "[{\"verdict\":\"cosmetic\",\"reason\":\"x\"}]",
        "{\"verdict\":\"cosmetic\",\"reason\":\"x\""})
    void refusesAnythingButExactlyOneCleanVerdict(String text) {
        UnusableAnswerException e = assertThrows(UnusableAnswerException.class, () -> TriageAnswerParser.parse(text));
        assertTrue(e.getMessage().startsWith("the LLM answer"), e.getMessage());
    }
}
