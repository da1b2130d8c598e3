package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;

/** LLM APIs accept content as a plain string or as a list of typed blocks; tests want the text either way. */
final class MessageText {

    private MessageText() {
    }

    static String of(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.has("text")) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }
}
