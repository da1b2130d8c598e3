package dev.stalewatch.deploy;

import static dev.stalewatch.deploy.Manifests.list;
import static dev.stalewatch.deploy.Manifests.maps;
import static dev.stalewatch.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.deploy.NetworkModel.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validates every file under deploy/k8s on its own, with no kustomize: so the checks hold even
 * where kubectl is missing (then RenderedOverlaysTest is skipped with a one-line reason).
 */
class RawFilesTest {

  private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
      "configMapGenerator", "secretGenerator", "patches", "replicas", "images", "labels", "components",
      "generatorOptions");

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Repo.K8S)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void kustomizeIsAvailableOrTheTestSaysSoInOneLine() {
    if (!Kustomize.available()) {
      Kustomize.sayMissingOnce();
    }
    assertTrue(Files.isDirectory(Repo.K8S.resolve("base")));
  }

  @Test
  void everyManifestFileHoldsOnlyValidObjectsAndEveryKustomizationReferencesExistingFiles() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> files = yamlFiles();
    assertFalse(files.isEmpty());
    for (Path file : files) {
      String where = Repo.K8S.relativize(file).toString();
      List<Map<String, Object>> objects;
      try {
        objects = Yaml.objects(Repo.read(file));
      } catch (RuntimeException e) {
        problems.add(where + ": " + e.getMessage());
        continue;
      }
      if (file.getFileName().toString().equals("kustomization.yaml")) {
        problems.addAll(kustomization(file, objects.get(0)));
      } else {
        objects.forEach(o -> StrictObjects.problems(o).forEach(p -> problems.add(where + ": " + p)));
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  private static List<String> kustomization(Path file, Map<String, Object> k) {
    List<String> problems = new ArrayList<>();
    Path dir = file.getParent();
    String where = Repo.K8S.relativize(file).toString();
    k.keySet().stream().filter(key -> !KUSTOMIZATION_FIELDS.contains(key))
        .forEach(key -> problems.add(where + ": unknown field " + key));
    for (Object resource : list(k, "resources")) {
      if (!Files.exists(dir.resolve(String.valueOf(resource)))) {
        problems.add(where + ": resource " + resource + " does not exist");
      }
    }
    for (Map<String, Object> generator : maps(k, "configMapGenerator")) {
      for (Object env : list(generator, "envs")) {
        if (!Files.exists(dir.resolve(String.valueOf(env)))) {
          problems.add(where + ": env file " + env + " does not exist");
        }
      }
    }
    for (Map<String, Object> patch : maps(k, "patches")) {
      if (patch.containsKey("path") && !Files.exists(dir.resolve(str(patch, "path")))) {
        problems.add(where + ": patch " + patch.get("path") + " does not exist");
      }
      if (patch.containsKey("patch")) {
        for (Object doc : List.of(Yaml.single(str(patch, "patch")))) {
          if (doc instanceof List<?> ops) {
            ops.forEach(op -> {
              if (!(op instanceof Map<?, ?> m) || !m.containsKey("op") || !m.containsKey("path")) {
                problems.add(where + ": JSON patch operation without op and path: " + op);
              }
            });
          } else if (doc instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) doc;
            StrictObjects.problems(object).forEach(p -> problems.add(where + " inline patch: " + p));
          }
        }
      }
    }
    return problems;
  }

  /** The base's resources plus the ConfigMaps its configMapGenerator would make, without kustomize. */
  static Manifests baseWithoutKustomize() {
    Path base = Repo.K8S.resolve("base");
    Map<String, Object> k = Yaml.objects(Repo.read(base.resolve("kustomization.yaml"))).get(0);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object resource : list(k, "resources")) {
      objects.addAll(Yaml.objects(Repo.read(base.resolve(String.valueOf(resource)))));
    }
    for (Map<String, Object> generator : maps(k, "configMapGenerator")) {
      Map<String, Object> data = new LinkedHashMap<>();
      for (Object literal : list(generator, "literals")) {
        String s = String.valueOf(literal);
        data.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
      }
      objects.add(Map.of("apiVersion", "v1", "kind", "ConfigMap",
          "metadata", Map.of("name", str(generator, "name")), "data", data));
    }
    return new Manifests(objects);
  }

  @Test
  void theBaseFilesPassEveryManifestCheckWithoutKustomize() {
    Manifests m = baseWithoutKustomize();
    List<ServiceConfig> configs = RenderedOverlaysTest.CONFIGS;
    List<String> problems = new ArrayList<>();
    problems.addAll(ManifestChecks.strictlyValid(m));
    problems.addAll(ManifestChecks.portsAndProbes(m, configs));
    problems.addAll(ManifestChecks.environment(m, configs));
    problems.addAll(ManifestChecks.secretsDocumented(m, Repo.read(Repo.K8S.resolve("README.md"))));
    problems.addAll(ManifestChecks.topics(m, configs));
    problems.addAll(ManifestChecks.hardening(m, configs));
    problems.addAll(ManifestChecks.images(m, configs));
    problems.addAll(ManifestChecks.schemaJob(m, configs));
    problems.addAll(ManifestChecks.networkFlows(m, configs,
        Peer.external("Kafka", "10.20.0.5"), Peer.external("PostgreSQL", "10.20.0.6")));
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
