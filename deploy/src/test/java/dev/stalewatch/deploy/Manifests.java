package dev.stalewatch.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A set of rendered Kubernetes objects as plain maps, with just enough navigation for the checks. */
record Manifests(List<Map<String, Object>> objects) {

  static Manifests parse(String yaml) {
    return new Manifests(Yaml.objects(yaml));
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(StrictObjects.name(o))).findFirst();
  }

  /** Objects that run pods: Deployments and Jobs. */
  List<Map<String, Object>> workloads() {
    List<Map<String, Object>> out = new ArrayList<>(ofKind("Deployment"));
    out.addAll(ofKind("Job"));
    return out;
  }

  // ---- navigation over maps and lists; a missing step answers null / empty ----

  static Object at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(step);
      } else if (current instanceof List<?> list && step.matches("\\d+")) {
        int i = Integer.parseInt(step);
        current = i < list.size() ? list.get(i) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  static String str(Object node, String... path) {
    Object v = at(node, path);
    return v == null ? null : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    Object v = at(node, path);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, String... path) {
    Object v = at(node, path);
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object node, String... path) {
    return list(node, path).stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
  }

  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(workload, "spec", "template", "spec");
  }

  static Map<String, String> podLabels(Map<String, Object> workload) {
    Map<String, String> out = new java.util.TreeMap<>();
    map(workload, "spec", "template", "metadata", "labels").forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return maps(podSpec(workload), "containers");
  }

  static String namespace(Map<String, Object> object) {
    String ns = str(object, "metadata", "namespace");
    return ns == null ? "default" : ns;
  }
}
