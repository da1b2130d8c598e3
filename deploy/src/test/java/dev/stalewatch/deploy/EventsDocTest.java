package dev.stalewatch.deploy;

import static dev.stalewatch.deploy.Manifests.map;
import static dev.stalewatch.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.DeadLetterHeaders;
import dev.stalewatch.events.EventType;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml and docs/events.md describe exactly the topics, messages and fields of {@code events}. */
class EventsDocTest {

  private static final Map<String, Object> ASYNCAPI = Yaml.objects(Repo.read(Repo.ROOT.resolve("docs/asyncapi.yaml"))).get(0);
  private static final String EVENTS_MD = Repo.read(Repo.ROOT.resolve("docs/events.md"));

  private static Set<String> deadLetterTopics() {
    Set<String> out = new TreeSet<>();
    for (ServiceConfig c : RenderedOverlaysTest.CONFIGS) {
      for (String constant : c.consumedTopicConstants()) {
        try {
          out.add(Topics.deadLetter((String) Topics.class.getField(constant).get(null), c.service()));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonSchema(String name) {
    try (InputStream in = EventType.class.getResourceAsStream("/schemas/" + name)) {
      return new ObjectMapper().readValue(in, Map.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Follows AsyncAPI {@code $ref}s within the document. */
  private static Map<String, Object> resolve(Map<String, Object> node) {
    Map<String, Object> current = node;
    while (current.containsKey("$ref")) {
      String[] path = str(current, "$ref").substring(2).split("/");
      current = map(ASYNCAPI, path);
    }
    return current;
  }

  private static Map<String, Map<String, Object>> channelsByAddress() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    map(ASYNCAPI, "channels").values().forEach(c -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> channel = (Map<String, Object>) c;
      out.put(str(channel, "address"), channel);
    });
    return out;
  }

  @Test
  void asyncApiIsVersion3AndHasAChannelForEveryTopicAndDeadLetterTopic() {
    assertTrue(str(ASYNCAPI, "asyncapi").startsWith("3."), "AsyncAPI 3");
    Set<String> expected = new TreeSet<>(Topics.ALL);
    expected.addAll(deadLetterTopics());
    assertEquals(expected, new TreeSet<>(channelsByAddress().keySet()));
  }

  @Test
  void everyMessagePayloadHasTheFieldsRequiredFieldsAndEnumsOfItsJsonSchemaAndRecord() {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Object>> channels = channelsByAddress();
    for (EventType type : EventType.values()) {
      Map<String, Object> channel = channels.get(type.topic());
      if (channel == null) {
        problems.add("no channel for " + type.topic());
        continue;
      }
      Map<String, Object> messageRef = map(channel, "messages", type.wireName());
      if (messageRef.isEmpty()) {
        problems.add(type.topic() + ": no message " + type.wireName());
        continue;
      }
      Map<String, Object> payload = resolve(map(resolve(messageRef), "payload"));
      Map<String, Object> schema = jsonSchema(type.wireName() + ".schema.json");
      Set<String> docFields = new TreeSet<>(map(payload, "properties").keySet());
      Set<String> schemaFields = new TreeSet<>(map(schema, "properties").keySet());
      Set<String> recordFields = Arrays.stream(type.recordClass().getRecordComponents())
          .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
      recordFields.add("type");
      if (!docFields.equals(schemaFields) || !docFields.equals(recordFields)) {
        problems.add(type.wireName() + ": fields " + docFields + " vs JSON Schema " + schemaFields + " vs record " + recordFields);
      }
      if (!new TreeSet<>(Manifests.list(payload, "required")).equals(new TreeSet<>(Manifests.list(schema, "required")))) {
        problems.add(type.wireName() + ": required " + Manifests.list(payload, "required") + " vs JSON Schema "
            + Manifests.list(schema, "required"));
      }
      if (!type.wireName().equals(str(payload, "properties", "type", "const"))) {
        problems.add(type.wireName() + ": type const " + str(payload, "properties", "type", "const"));
      }
    }
    Map<String, List<String>> enums = Map.of(
        "verdict", Arrays.stream(Verdict.values()).map(Enum::name).toList(),
        "method", Arrays.stream(Method.values()).map(Enum::name).toList(),
        "state", Arrays.stream(ChangeState.values()).map(Enum::name).toList());
    Map<String, Object> commonDefs = map(jsonSchema("common.schema.json"), "$defs");
    enums.forEach((name, values) -> {
      List<Object> doc = Manifests.list(ASYNCAPI, "components", "schemas", name, "enum");
      List<Object> schema = Manifests.list(commonDefs, name, "enum");
      if (!new TreeSet<>(doc).equals(new TreeSet<>(values)) || !new TreeSet<>(schema).equals(new TreeSet<>(values))) {
        problems.add(name + ": AsyncAPI " + doc + ", JSON Schema " + schema + ", Java " + values);
      }
    });
    // patterns and other constraints of the shared definitions are copied, not paraphrased
    commonDefs.forEach((name, def) -> {
      if (!map(ASYNCAPI, "components", "schemas", name).equals(def)) {
        problems.add("components.schemas." + name + " differs from common.schema.json: "
            + map(ASYNCAPI, "components", "schemas", name) + " vs " + def);
      }
    });
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void deadLetterMessagesCarryEveryDeadLetterHeader() {
    List<String> problems = new ArrayList<>();
    for (String topic : deadLetterTopics()) {
      Map<String, Object> channel = channelsByAddress().get(topic);
      if (channel == null) {
        problems.add("no channel " + topic);
        continue;
      }
      for (Object ref : map(channel, "messages").values()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = resolve(map(resolve((Map<String, Object>) ref), "headers"));
        Set<String> names = map(headers, "properties").keySet();
        if (!names.containsAll(DeadLetterHeaders.ALL)) {
          problems.add(topic + ": headers " + names + " lack some of " + DeadLetterHeaders.ALL);
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void eventsMdNamesEveryTopicMessageFieldAndDeadLetterHeader() {
    List<String> missing = new ArrayList<>();
    Set<String> names = new TreeSet<>(Topics.ALL);
    names.addAll(deadLetterTopics());
    names.addAll(DeadLetterHeaders.ALL);
    for (EventType type : EventType.values()) {
      names.add(type.wireName());
      Arrays.stream(type.recordClass().getRecordComponents()).forEach(c -> {
        if (!EVENTS_MD.contains("| `" + c.getName() + "` |")) {
          missing.add(type.wireName() + "." + c.getName());
        }
      });
    }
    names.stream().filter(n -> !EVENTS_MD.contains(n)).forEach(missing::add);
    assertTrue(missing.isEmpty(), () -> "docs/events.md does not describe " + missing);
  }
}
