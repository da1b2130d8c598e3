package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each bundled JSON Schema describes exactly its record: the same property names (nested records
 * too), the same required fields as the decoder enforces, the same enum values as the Java enums.
 */
class SchemaMatchesRecordTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaIsDraft2020AndNamedForItsType(EventType type) {
    JsonNode schema = JsonSchemas.of(type).node();

    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    assertTrue(schema.path("$id").asText().endsWith("/" + type.wireName() + ".schema.json"));
    assertEquals(type.wireName(), schema.path("properties").path("type").path("const").asText());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaPropertiesAreTheRecordComponentsPlusType(EventType type) {
    assertPropertiesMatch(type.recordClass(), JsonSchemas.of(type), type.wireName(), Set.of("type"));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void encodedEventHasExactlyTheSchemaProperties(EventType type) {
    ObjectNode json = Rejections.tree(SampleEvents.of(type));

    assertEquals(sorted(JsonSchemas.of(type).propertyNames()), sorted(fieldNames(json)));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaEnumsAreTheJavaEnumValues(EventType type) {
    assertEnumsMatch(type.recordClass(), JsonSchemas.of(type), type.wireName());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaRequiredFieldsAreTheFieldsTheDecoderRequires(EventType type) {
    JsonSchemas.Located schema = JsonSchemas.of(type);
    StalewatchEvent sample = SampleEvents.of(type);
    ObjectNode json = Rejections.tree(sample);
    Set<String> expected = new TreeSet<>(schema.strings("required"));
    // dependentRequired: e.g. language becomes required once source is present, as in the sample.
    schema.node().path("dependentRequired").fields().forEachRemaining(
        entry -> {
          if (json.has(entry.getKey())) {
            entry.getValue().forEach(field -> expected.add(field.asText()));
          }
        });

    assertEquals(expected, requiredByDecoder(sample, schema.propertyNames(), "", j -> j));
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, names = "VERSION_OBSERVED")
  void nestedRequiredFieldsAreTheFieldsTheDecoderRequires(EventType type) {
    JsonSchemas.Located schema = JsonSchemas.of(type);
    StalewatchEvent sample = SampleEvents.of(type);
    JsonSchemas.Located source = schema.at("properties", "source");
    JsonSchemas.Located dep = schema.at("properties", "deps").at("items");

    assertEquals(
        new TreeSet<>(source.strings("required")),
        requiredByDecoder(sample, source.propertyNames(), "source.", j -> (ObjectNode) j.get("source")));
    // deps[0] is a text dep; a code dep's extra need for a language is the schema's if/then.
    assertEquals(
        new TreeSet<>(dep.strings("required")),
        requiredByDecoder(sample, dep.propertyNames(), "deps[0].", j -> (ObjectNode) j.get("deps").get(0)));
  }

  /** The properties whose removal from the sample makes decoding fail naming that property. */
  private static Set<String> requiredByDecoder(
      StalewatchEvent sample, Set<String> properties, String pathPrefix, Function<ObjectNode, ObjectNode> holder) {
    Set<String> required = new TreeSet<>();
    for (String property : properties) {
      byte[] without = Rejections.edited(sample, json -> holder.apply(json).remove(property));
      try {
        Rejections.CODEC.decode(without);
      } catch (EventValidationException e) {
        if (e.violations().stream().anyMatch(v -> v.path().equals(pathPrefix + property))) {
          required.add(property);
        }
      }
    }
    return required;
  }

  private static void assertPropertiesMatch(
      Class<?> recordClass, JsonSchemas.Located schema, String where, Set<String> extra) {
    Set<String> components = new LinkedHashSet<>(extra);
    Arrays.stream(recordClass.getRecordComponents()).map(RecordComponent::getName).forEach(components::add);
    assertEquals(sorted(components), sorted(schema.propertyNames()), "properties of " + where);

    for (RecordComponent component : recordClass.getRecordComponents()) {
      Class<?> nested = nestedRecord(component);
      if (nested != null) {
        assertPropertiesMatch(nested, nestedSchema(schema, component), where + "." + component.getName(), Set.of());
      }
    }
  }

  private static void assertEnumsMatch(Class<?> recordClass, JsonSchemas.Located schema, String where) {
    for (RecordComponent component : recordClass.getRecordComponents()) {
      JsonSchemas.Located property = schema.at("properties", component.getName());
      String path = where + "." + component.getName();
      if (component.getType().isEnum()) {
        assertEquals(wireNames(component.getType()), property.enumValues(), "enum of " + path);
      } else {
        assertEquals(List.of(), property.enumValues(), path + " is no enum in Java");
      }
      Class<?> nested = nestedRecord(component);
      if (nested != null) {
        assertEnumsMatch(nested, nestedSchema(schema, component), path);
      }
    }
  }

  /** The record a component holds directly or as list elements, or null. */
  private static Class<?> nestedRecord(RecordComponent component) {
    if (component.getType().isRecord()) {
      return component.getType();
    }
    if (component.getType() == List.class
        && component.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      return element;
    }
    return null;
  }

  private static JsonSchemas.Located nestedSchema(JsonSchemas.Located schema, RecordComponent component) {
    JsonSchemas.Located property = schema.at("properties", component.getName());
    return component.getType() == List.class ? property.at("items") : property;
  }

  private static List<String> wireNames(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> EventJson.MAPPER.convertValue(constant, String.class))
        .toList();
  }

  private static Set<String> fieldNames(JsonNode json) {
    Set<String> names = new LinkedHashSet<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }
}
