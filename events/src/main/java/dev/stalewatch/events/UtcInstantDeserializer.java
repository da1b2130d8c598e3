package dev.stalewatch.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Accepts only ISO-8601 instants in UTC ({@code Z}); Jackson's own reader also takes epoch numbers
 * and other offsets, which the contract does not allow.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

  static final String EXPECTED = "must be an ISO-8601 UTC instant such as 2026-11-27T10:15:00Z";

  UtcInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
    String text = parser.getText();
    if (text.endsWith("Z")) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notAnInstant) {
        // reported below, like any other non-UTC text
      }
    }
    return (Instant) context.handleWeirdStringValue(Instant.class, text, EXPECTED);
  }
}
