package dev.stalewatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Events to and from the UTF-8 JSON that travels on Kafka and through POST /api/observations.
 * Decoding and encoding both {@link EventValidator validate}; every failure is an {@link
 * EventValidationException}. Instances are immutable and thread-safe.
 */
public final class EventCodec {

  private static final String TYPE_FIELD = "type";

  /** How encode() begins each event type's JSON. */
  private static final Map<EventType, byte[]> ENCODED_PREFIXES = encodedPrefixes();

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
    EventType eventType = EventType.of(expected);
    // Fast path for the layout encode() writes (the type first): bound from the bytes in one pass,
    // without the tree, and one scan of the bytes spares the text rules their walks. Anything it
    // does not bind cleanly takes the tree path below, whose errors name the field; unknown fields
    // are ignored either way, so the type field is too.
    if (startsWith(bytes, ENCODED_PREFIXES.get(eventType))) {
      TextFacts facts = TextFacts.ofJson(bytes);
      T event = bindDirectlyOrNull(bytes, expected);
      if (event != null) {
        return validator.validate(event, facts);
      }
    }
    JsonNode json = parse(bytes);
    String type = typeOf(json);
    if (!eventType.wireName().equals(type)) {
      throw EventValidationException.of(
          TYPE_FIELD, "must be " + eventType.wireName() + ", was " + Checks.quote(type));
    }
    return bind(json, expected);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static <T> T bindDirectlyOrNull(byte[] bytes, Class<T> recordClass) {
    try {
      return EventJson.MAPPER.readValue(bytes, recordClass);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<EventType, byte[]> encodedPrefixes() {
    Map<EventType, byte[]> prefixes = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      String prefix = "{\"" + TYPE_FIELD + "\":\"" + type.wireName() + "\",";
      prefixes.put(type, prefix.getBytes(StandardCharsets.UTF_8));
    }
    return prefixes;
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
