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
        "{\"verdict\":\"cosmetic\",\"reason\":\"\\u0000\\u0001 \\u001f\"}",
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

    @Test
    void dropsNulAndOtherControlCharactersButTabAndLineFeedFromTheReason() throws Exception {
        TriageAnswer answer = TriageAnswerParser.parse(
                "{\"verdict\":\"cosmetic\",\"reason\":\"log\\u0000 line\\u0007\\r\\n\\tadded\\u007f\\ud800\"}");
        assertEquals("log line\n\tadded", answer.reason());
    }

    @Test
    void aLongReasonIsCutBetweenCodePointsAtFiveHundredCharacters() throws Exception {
        String emoji = "\ud83d\ude00";
        TriageAnswer answer = TriageAnswerParser.parse("{\"verdict\":\"cosmetic\",\"reason\":\""
                + emoji.repeat(600) + "\"}");
        assertEquals(500, answer.reason().codePointCount(0, answer.reason().length()));
        assertEquals(emoji.repeat(499) + "…", answer.reason());
    }
}
