package dev.stalewatch.triageservice.prompt;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stalewatch.events.Verdict;
import dev.stalewatch.triageservice.service.VerdictText;

/**
 * Reads the LLM's answer strictly: one JSON object with exactly {@code verdict} ("cosmetic" or
 * "semantic", nothing else) and a non-blank {@code reason}; no duplicate keys, no other fields, nothing
 * after the object. A single Markdown code fence around the object is the only wrapping accepted.
 * Anything else is not a verdict, and triage falls back to SEMANTIC. The reason is kept without NUL
 * and the other control characters {@link VerdictText} drops (blank once they are gone is no reason),
 * and cut to {@value #MAX_REASON_CHARS} characters.
 */
public final class TriageAnswerParser {

    private static final int MAX_REASON_CHARS = 500;
    private static final Set<String> FIELDS = Set.of("verdict", "reason");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TriageAnswerParser() {
    }

    public static TriageAnswer parse(String text) throws UnusableAnswerException {
        String json = withoutCodeFence(text == null ? "" : text.strip());
        JsonNode answer;
        try {
            answer = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnusableAnswerException("the LLM answer is not a single JSON object");
        }
        if (answer == null || !answer.isObject()) {
            throw new UnusableAnswerException("the LLM answer is not a single JSON object");
        }
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new UnusableAnswerException("the LLM answer has an unexpected field \"" + shorten(name) + "\"");
            }
        }
        Verdict verdict = verdict(answer.get("verdict"));
        JsonNode reason = answer.get("reason");
        String why = reason == null || !reason.isTextual() ? "" : VerdictText.clean(reason.asText()).strip();
        if (why.isEmpty()) {
            throw new UnusableAnswerException("the LLM answer gives no reason");
        }
        return new TriageAnswer(verdict, shorten(why));
    }

    private static Verdict verdict(JsonNode verdict) throws UnusableAnswerException {
        if (verdict == null || !verdict.isTextual()) {
            throw new UnusableAnswerException("the LLM answer gives no verdict");
        }
        return switch (verdict.asText()) {
            case "cosmetic" -> Verdict.COSMETIC;
            case "semantic" -> Verdict.SEMANTIC;
            default -> throw new UnusableAnswerException("the LLM answer's verdict \"" + shorten(verdict.asText())
                    + "\" is not exactly \"cosmetic\" or \"semantic\"");
        };
    }

    private static String withoutCodeFence(String text) {
        if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
            return text;
        }
        int firstNewline = text.indexOf('\n');
        if (firstNewline < 0) {
            return text;
        }
        String opening = text.substring(3, firstNewline).strip();
        if (!opening.isEmpty() && !opening.equals("json")) {
            return text;
        }
        return text.substring(firstNewline + 1, text.length() - 3).strip();
    }

    /** At most {@value #MAX_REASON_CHARS} characters, cut between code points (never inside a surrogate pair). */
    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_REASON_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_REASON_CHARS - 1)) + "…";
    }
}
