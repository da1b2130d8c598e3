package dev.stalewatch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough JSON Schema reading for the agreement tests: loading the bundled schemas and
 * following {@code $ref} (within a file or to a sibling file) and nullable {@code anyOf}.
 */
final class JsonSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A schema node together with the document its local {@code #/...} references point into. */
  record Located(JsonNode node, JsonNode document) {

    Located at(String... fieldNames) {
      JsonNode node = this.node;
      for (String name : fieldNames) {
        node = node.path(name);
      }
      return new Located(node, document).resolved();
    }

    /** Follows references and drops the {@code null} branch of a nullable {@code anyOf}. */
    Located resolved() {
      if (node.has("$ref")) {
        String ref = node.get("$ref").asText();
        int hash = ref.indexOf('#');
        JsonNode target = hash == 0 ? document : load(ref.substring(0, hash));
        return new Located(target.at(ref.substring(hash + 1)), target).resolved();
      }
      if (node.has("anyOf")) {
        for (JsonNode branch : node.get("anyOf")) {
          if (!"null".equals(branch.path("type").asText())) {
            return new Located(branch, document).resolved();
          }
        }
      }
      return this;
    }

    Set<String> propertyNames() {
      Set<String> names = new LinkedHashSet<>();
      node.path("properties").fieldNames().forEachRemaining(names::add);
      return names;
    }

    Set<String> strings(String field) {
      Set<String> values = new LinkedHashSet<>();
      node.path(field).forEach(value -> values.add(value.asText()));
      return values;
    }

    List<String> enumValues() {
      List<String> values = new ArrayList<>();
      node.path("enum").forEach(value -> values.add(value.asText()));
      return values;
    }
  }

  private JsonSchemas() {}

  static Located of(EventType type) {
    JsonNode document = load(type.wireName() + ".schema.json");
    return new Located(document, document);
  }

  static JsonNode load(String file) {
    try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no schema resource " + file);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
