package dev.stalewatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Events to and from the UTF-8 JSON that travels on Kafka and through POST /api/observations.
 * Decoding and encoding both {@link EventValidator validate}; every failure is an {@link
 * EventValidationException}. Instances are immutable and thread-safe.
 */
public final class EventCodec {

  private static final String TYPE_FIELD = "type";

  private final EventValidator validator;

  /** With the default source + deps size limit. */
  public EventCodec() {
    this(new EventValidator());
  }

  public EventCodec(EventValidator validator) {
    this.validator = validator;
  }

  public EventValidator validator() {
    return validator;
  }

  /** @throws EventValidationException if the event breaks the contract: never publish it */
  public byte[] encode(StalewatchEvent event) {
    validator.validate(event);
    ObjectNode json = EventJson.MAPPER.createObjectNode();
    json.put(TYPE_FIELD, event.type());
    json.setAll((ObjectNode) EventJson.MAPPER.valueToTree(event));
    try {
      return EventJson.MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a valid event could not be written as JSON", e);
    }
  }

  public String encodeToString(StalewatchEvent event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }

  /** Decodes whichever event the {@code type} field names. */
  public StalewatchEvent decode(byte[] bytes) {
    JsonNode json = parse(bytes);
    String type = typeOf(json);
    EventType eventType =
        EventType.fromWireName(type)
            .orElseThrow(
                () ->
                    EventValidationException.of(
                        TYPE_FIELD,
                        "must be one of " + EventType.wireNames() + ", was " + Checks.quote(type)));
    return bind(json, eventType.recordClass());
  }

  /** Decodes an event that must be of {@code expected} type, e.g. the one a topic carries. */
  public <T extends StalewatchEvent> T decode(byte[] bytes, Class<T> expected) {
    String text = Utf8.decode(bytes);
    String wanted = EventType.of(expected).wireName();
    // Fast path for the layout encode() writes (the type first): bound in one pass, without the
    // tree. Anything it does not bind cleanly takes the tree path below, whose errors name the
    // field; unknown fields are ignored either way, so the type field is too.
    if (text.startsWith("{\"" + TYPE_FIELD + "\":\"" + wanted + "\",")) {
      T event = bindDirectlyOrNull(text, expected);
      if (event != null) {
        return validator.validate(event);
      }
    }
    JsonNode json = parse(text);
    String type = typeOf(json);
    if (!wanted.equals(type)) {
      throw EventValidationException.of(
          TYPE_FIELD, "must be " + wanted + ", was " + Checks.quote(type));
    }
    return bind(json, expected);
  }

  private static <T> T bindDirectlyOrNull(String text, Class<T> recordClass) {
    try {
      return EventJson.MAPPER.readValue(text, recordClass);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private static JsonNode parse(byte[] bytes) {
    return parse(Utf8.decode(bytes));
  }

  private static JsonNode parse(String text) {
    JsonNode json;
    try {
      json = EventJson.MAPPER.readTree(text);
    } catch (StreamReadException e) {
      throw JacksonErrors.malformed(e);
    } catch (JsonProcessingException e) {
      throw JacksonErrors.unbindable(e);
    }
    if (json == null || !json.isObject()) {
      throw EventValidationException.of(Violation.ROOT, "must be a JSON object");
    }
    return json;
  }

  private static String typeOf(JsonNode json) {
    JsonNode type = json.get(TYPE_FIELD);
    if (type == null || type.isNull()) {
      throw EventValidationException.of(TYPE_FIELD, "is required");
    }
    if (!type.isTextual()) {
      throw EventValidationException.of(TYPE_FIELD, "must be a string");
    }
    return type.textValue();
  }

  private <T extends StalewatchEvent> T bind(JsonNode json, Class<T> recordClass) {
    T event;
    try {
      event = EventJson.MAPPER.treeToValue(json, recordClass);
    } catch (JsonProcessingException e) {
      throw JacksonErrors.unbindable(e);
    }
    return validator.validate(event);
  }
}
