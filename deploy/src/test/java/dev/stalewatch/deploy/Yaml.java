package dev.stalewatch.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Multi-document YAML as plain maps and lists. */
final class Yaml {

  static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  /** Every non-empty document of {@code text}. */
  static List<Object> documents(String text) {
    try (MappingIterator<Object> it = MAPPER.readerFor(new TypeReference<Object>() {}).readValues(text)) {
      List<Object> docs = new ArrayList<>();
      while (it.hasNextValue()) {
        Object doc = it.nextValue();
        if (doc != null) {
          docs.add(doc);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML: " + e.getMessage(), e);
    }
  }

  /** One YAML document (a list of JSON patch operations stays one list). */
  static Object single(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML: " + e.getMessage(), e);
    }
  }

  /** Every document of {@code text} that is an object (a Kubernetes object or patch). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : documents(text)) {
      if (doc instanceof Map<?, ?> map) {
        out.add((Map<String, Object>) map);
      }
    }
    return out;
  }
}
