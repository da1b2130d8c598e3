package dev.stalewatch.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns Jackson's exceptions into a {@link Violation} that names the field in contract terms. */
final class JacksonErrors {

  private JacksonErrors() {}

  static EventValidationException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return EventValidationException.of(
        Violation.ROOT, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
  }

  static EventValidationException unbindable(JsonProcessingException e) {
    String path = e instanceof JsonMappingException mapping ? pathOf(mapping.getPath()) : Violation.ROOT;
    return EventValidationException.of(path, describe(e), e);
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? Violation.ROOT : path.toString();
  }

  private static String describe(JsonProcessingException e) {
    Throwable root = e.getCause() instanceof InputCoercionException ? e.getCause() : e;
    if (root instanceof InputCoercionException) {
      return "is out of range for a 64-bit integer";
    }
    if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
      return e.getOriginalMessage();
    }
    Class<?> target = mismatch.getTargetType();
    String was = e instanceof InvalidFormatException format ? ", was " + shown(format.getValue()) : "";
    if (target == Instant.class) {
      return UtcInstantDeserializer.EXPECTED + was;
    }
    if (target.isEnum()) {
      return "must be one of " + wireNames(target) + was;
    }
    return "must be " + jsonTypeOf(target) + was;
  }

  private static String shown(Object value) {
    return value instanceof String text ? Checks.quote(text) : String.valueOf(value);
  }

  private static List<String> wireNames(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> EventJson.MAPPER.convertValue(constant, String.class))
        .toList();
  }

  private static String jsonTypeOf(Class<?> target) {
    if (target == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "an integer";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "an object";
    }
    return "of type " + target.getSimpleName();
  }
}
