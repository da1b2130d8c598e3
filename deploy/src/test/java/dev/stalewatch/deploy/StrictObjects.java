package dev.stalewatch.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deserializes Kubernetes objects strictly: core kinds as fabric8 model classes, where a field the
 * API does not know lands in some {@code additionalProperties} map, which is reported with its path;
 * the custom resources of Strimzi and CloudNativePG against the shapes below (the fields this
 * project uses and their documented siblings; anything else is unknown).
 */
final class StrictObjects {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** apiVersion + kind of every core object these manifests may contain. */
  static final Map<String, Class<?>> CORE = Map.of(
      "v1/ServiceAccount", ServiceAccount.class,
      "v1/Service", Service.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "apps/v1/Deployment", Deployment.class,
      "batch/v1/Job", Job.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "networking.k8s.io/v1/Ingress", Ingress.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  // Shapes of custom resources. A key ending in '!' is required. Values: "string", "int", "bool",
  // "any" (free-form, e.g. broker config), a fabric8 class, a nested shape, or a one-element list
  // holding the shape of each item.
  private static final Map<String, Object> STORAGE_VOLUME = shape(
      "id", "int", "type!", "string", "size", "string", "class", "string", "deleteClaim", "bool",
      "kraftMetadata", "string", "selector", "any", "overrides", "any");
  private static final Map<String, Object> KAFKA_STORAGE = shape(
      "type!", "string", "size", "string", "class", "string", "deleteClaim", "bool",
      "kraftMetadata", "string", "selector", "any", "volumes", List.of(STORAGE_VOLUME));
  private static final Map<String, Object> LISTENER = shape(
      "name!", "string", "port!", "int", "type!", "string", "tls!", "bool",
      "authentication", "any", "configuration", "any", "networkPolicyPeers", "any");

  static final Map<String, Map<String, Object>> CUSTOM = Map.of(
      "kafka.strimzi.io/KafkaTopic", shape(
          "topicName", "string", "partitions!", "int", "replicas!", "int", "config", "any"),
      "kafka.strimzi.io/KafkaNodePool", shape(
          "replicas!", "int", "roles!", List.of("string"), "storage!", KAFKA_STORAGE,
          "resources", ResourceRequirements.class, "jvmOptions", "any", "template", "any"),
      "kafka.strimzi.io/Kafka", shape(
          "kafka!", shape(
              "version", "string", "metadataVersion", "string", "replicas", "int",
              "listeners!", List.of(LISTENER), "config", "any", "storage", KAFKA_STORAGE,
              "authorization", "any", "rack", "any", "resources", ResourceRequirements.class,
              "jvmOptions", "any", "template", "any", "logging", "any", "metricsConfig", "any"),
          "entityOperator", shape("topicOperator", "any", "userOperator", "any", "template", "any"),
          "cruiseControl", "any", "kafkaExporter", "any", "clusterCa", "any", "clientsCa", "any"),
      "postgresql.cnpg.io/Cluster", shape(
          "instances!", "int", "imageName", "string", "description", "string",
          "storage", shape("size", "string", "storageClass", "string", "resizeInUseVolumes", "bool",
              "pvcTemplate", "any"),
          "walStorage", shape("size", "string", "storageClass", "string", "pvcTemplate", "any"),
          "bootstrap", shape(
              "initdb", shape("database", "string", "owner", "string", "secret", shape("name!", "string"),
                  "encoding", "string", "localeCollate", "string", "localeCType", "string",
                  "dataChecksums", "bool", "postInitSQL", List.of("string"),
                  "postInitApplicationSQL", List.of("string")),
              "recovery", "any", "pg_basebackup", "any"),
          "resources", ResourceRequirements.class,
          "postgresql", shape("parameters", "any", "pg_hba", List.of("string")),
          "enableSuperuserAccess", "bool", "superuserSecret", shape("name!", "string"),
          "primaryUpdateStrategy", "string", "primaryUpdateMethod", "string",
          "backup", "any", "monitoring", "any", "affinity", "any", "managed", "any"));

  private StrictObjects() {}

  /** Problems of one object; empty when it deserializes with no unknown field. */
  static List<String> problems(Map<String, Object> object) {
    String apiVersion = String.valueOf(object.get("apiVersion"));
    String kind = String.valueOf(object.get("kind"));
    String where = kind + " " + name(object);
    Class<?> type = CORE.get(apiVersion + "/" + kind);
    if (type != null) {
      return fabric8(object, type, where);
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    Map<String, Object> spec = CUSTOM.get(group + "/" + kind);
    if (spec == null) {
      return List.of(where + ": no model for " + apiVersion + " " + kind);
    }
    List<String> problems = new ArrayList<>();
    Set<String> versions = group.equals("kafka.strimzi.io") ? Set.of("v1beta2", "v1") : Set.of("v1");
    if (!versions.contains(apiVersion.substring(apiVersion.indexOf('/') + 1))) {
      problems.add(where + ": unsupported apiVersion " + apiVersion);
    }
    for (String key : object.keySet()) {
      if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(key)) {
        problems.add(where + ": unknown field " + key);
      }
    }
    problems.addAll(fabric8(object.get("metadata"), ObjectMeta.class, where + " metadata"));
    if (!(object.get("spec") instanceof Map)) {
      problems.add(where + ": spec missing");
    } else {
      problems.addAll(checkShape(object.get("spec"), spec, where + " spec"));
    }
    return problems;
  }

  static String name(Map<String, Object> object) {
    Object metadata = object.get("metadata");
    return metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
  }

  private static List<String> fabric8(Object value, Class<?> type, String where) {
    Object typed;
    try {
      typed = JSON.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      return List.of(where + ": does not deserialize as " + type.getSimpleName() + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    walk(typed, where, problems);
    return problems;
  }

  /** Reports every non-empty {@code additionalProperties} in the fabric8 object graph. */
  private static void walk(Object value, String path, List<String> problems) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", problems));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method m : value.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class || !m.getName().startsWith("get")) {
        continue;
      }
      Object child;
      try {
        child = m.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
        continue;
      }
      String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      walk(child, path + "." + field, problems);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> checkShape(Object value, Object shape, String path) {
    List<String> problems = new ArrayList<>();
    if (shape instanceof Class<?> type) {
      problems.addAll(fabric8(value, type, path));
    } else if (shape instanceof List<?> itemShape) {
      if (!(value instanceof List<?> items)) {
        problems.add(path + ": not a list");
      } else {
        for (int i = 0; i < items.size(); i++) {
          problems.addAll(checkShape(items.get(i), itemShape.get(0), path + "[" + i + "]"));
        }
      }
    } else if (shape instanceof Map<?, ?> fields) {
      if (!(value instanceof Map<?, ?> map)) {
        return List.of(path + ": not an object");
      }
      Map<String, Object> known = new LinkedHashMap<>();
      ((Map<String, Object>) fields).forEach((k, v) -> known.put(k.replace("!", ""), v));
      for (Object key : map.keySet()) {
        if (!known.containsKey(String.valueOf(key))) {
          problems.add(path + ": unknown field " + key);
        }
      }
      ((Map<String, Object>) fields).forEach((k, v) -> {
        String key = k.replace("!", "");
        if (k.endsWith("!") && !map.containsKey(key)) {
          problems.add(path + ": required field " + key + " missing");
        } else if (map.containsKey(key)) {
          problems.addAll(checkShape(map.get(key), v, path + "." + key));
        }
      });
    } else {
      boolean ok = switch ((String) shape) {
        case "string" -> value instanceof String;
        case "int" -> value instanceof Integer || value instanceof Long;
        case "bool" -> value instanceof Boolean;
        default -> true;
      };
      if (!ok) {
        problems.add(path + ": expected " + shape + " but was " + value);
      }
    }
    return problems;
  }

  private static Map<String, Object> shape(Object... keysAndShapes) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndShapes.length; i += 2) {
      m.put((String) keysAndShapes[i], keysAndShapes[i + 1]);
    }
    return m;
  }
}
