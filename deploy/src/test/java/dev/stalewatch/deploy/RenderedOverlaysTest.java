package dev.stalewatch.deploy;

import static dev.stalewatch.deploy.Manifests.at;
import static dev.stalewatch.deploy.Manifests.containers;
import static dev.stalewatch.deploy.Manifests.list;
import static dev.stalewatch.deploy.Manifests.map;
import static dev.stalewatch.deploy.Manifests.maps;
import static dev.stalewatch.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.deploy.NetworkModel.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay with kustomize and checks what a cluster would receive. */
class RenderedOverlaysTest {

  private static final Map<String, Optional<Manifests>> RENDERED = new ConcurrentHashMap<>();
  static final List<ServiceConfig> CONFIGS = Repo.SERVICES.stream().map(ServiceConfig::of).toList();

  static Manifests rendered(String overlay) {
    Optional<Manifests> m = RENDERED.computeIfAbsent(overlay,
        o -> Kustomize.render(Repo.overlay(o)).map(Manifests::parse));
    Assumptions.assumeTrue(m.isPresent(),
        "kubectl/kustomize not installed: overlay " + overlay + " not rendered (RawFilesTest validates the files)");
    return m.get();
  }

  private static void assertNone(List<String> problems) {
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyRenderedObjectIsAKubernetesObjectWithNoUnknownField(String overlay) {
    Manifests m = rendered(overlay);
    assertFalse(m.objects().isEmpty());
    assertNone(ManifestChecks.strictlyValid(m));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void containerPortsAndProbePathsMatchEachServicesConfiguration(String overlay) {
    assertNone(ManifestChecks.portsAndProbes(rendered(overlay), CONFIGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyEnvironmentVariableAServiceReadsIsProvided(String overlay) {
    assertNone(ManifestChecks.environment(rendered(overlay), CONFIGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyReferencedSecretKeyIsDocumentedInTheReadme(String overlay) {
    assertNone(ManifestChecks.secretsDocumented(rendered(overlay), Repo.read(Repo.K8S.resolve("README.md"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaTopicsAreTheEventsTopicsAndOneDeadLetterTopicPerConsumerWithTheirSizeLimits(String overlay) {
    Manifests m = rendered(overlay);
    assertEquals(9, m.ofKind("KafkaTopic").size());
    assertNone(ManifestChecks.topics(m, CONFIGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void podsAreNonRootReadOnlyWithWritableTmpBoundedResourcesHeapInsideLimitAndDisruptionBudgets(String overlay) {
    assertNone(ManifestChecks.hardening(rendered(overlay), CONFIGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploymentsUseTheImageNamesTheServicesRecipesBuild(String overlay) {
    assertNone(ManifestChecks.images(rendered(overlay), CONFIGS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theSchemaJobCreatesEverySchemaTheServicesMigrate(String overlay) {
    assertNone(ManifestChecks.schemaJob(rendered(overlay), CONFIGS));
  }

  @Test
  void devNetworkPoliciesAllowTheDataFlowAndDenyTheRest() {
    Manifests m = rendered("dev");
    String ns = "stalewatch-dev";
    Peer kafka = Peer.pod("Kafka broker", ns, Map.of("strimzi.io/cluster", "stalewatch-kafka",
        "strimzi.io/kind", "Kafka", "strimzi.io/name", "stalewatch-kafka-kafka", "strimzi.io/broker-role", "true"));
    Peer postgres = Peer.pod("PostgreSQL primary", ns, Map.of("cnpg.io/cluster", "stalewatch-db",
        "cnpg.io/instanceRole", "primary"));
    assertNone(ManifestChecks.networkFlows(m, CONFIGS, kafka, postgres));
    // narrowed in dev: another pod listening on the Kafka port is not reachable
    Peer other = Peer.pod("other", ns, Map.of("app", "other"));
    assertFalse(new NetworkModel(m).allowed(podOf(m, "snapshot-service"), other, 9092, "TCP"));
  }

  @Test
  void prodNetworkPoliciesAllowTheDataFlowToExternalKafkaAndPostgres() {
    Manifests m = rendered("prod");
    assertNone(ManifestChecks.networkFlows(m, CONFIGS,
        Peer.external("external Kafka", "10.20.0.5"), Peer.external("external PostgreSQL", "10.20.0.6")));
  }

  private static Peer podOf(Manifests m, String deployment) {
    var d = m.find("Deployment", deployment).orElseThrow();
    return new Peer(deployment, Manifests.namespace(d), Manifests.podLabels(d), Map.of(), null);
  }

  @Test
  void devRunsOneReplicaEachWithItsOwnKraftKafkaAndCloudNativePgCluster() {
    Manifests m = rendered("dev");
    List<String> problems = new ArrayList<>();
    m.ofKind("Deployment").forEach(d -> {
      if (!Integer.valueOf(1).equals(at(d, "spec", "replicas"))) {
        problems.add(StrictObjects.name(d) + " replicas " + at(d, "spec", "replicas"));
      }
    });
    var kafka = m.ofKind("Kafka");
    var pools = m.ofKind("KafkaNodePool");
    var clusters = m.ofKind("Cluster");
    assertEquals(1, kafka.size(), "one Strimzi Kafka");
    assertEquals(1, clusters.size(), "one CloudNativePG Cluster");
    assertFalse(pools.isEmpty(), "a KafkaNodePool");
    String kafkaName = StrictObjects.name(kafka.get(0));
    assertEquals("enabled", str(kafka.get(0), "metadata", "annotations", "strimzi.io/kraft"));
    assertEquals("enabled", str(kafka.get(0), "metadata", "annotations", "strimzi.io/node-pools"));
    assertTrue(pools.stream().flatMap(p -> list(p, "spec", "roles").stream()).toList()
        .containsAll(List.of("controller", "broker")), "KRaft controller and broker roles");
    pools.forEach(p -> assertEquals(kafkaName, str(p, "metadata", "labels", "strimzi.io/cluster")));
    m.ofKind("KafkaTopic").forEach(t -> {
      assertEquals(kafkaName, str(t, "metadata", "labels", "strimzi.io/cluster"), StrictObjects.name(t));
      if (((Number) at(t, "spec", "replicas")).intValue() > pools.stream()
          .mapToInt(p -> ((Number) at(p, "spec", "replicas")).intValue()).sum()) {
        problems.add(StrictObjects.name(t) + ": more replicas than brokers");
      }
    });
    Map<String, Object> common = m.ofKind("ConfigMap").stream()
        .filter(c -> StrictObjects.name(c).startsWith("stalewatch-common")).findFirst().orElseThrow();
    assertEquals(kafkaName + "-kafka-bootstrap:9092", str(common, "data", "KAFKA_BOOTSTRAP_SERVERS"));
    String clusterName = StrictObjects.name(clusters.get(0));
    assertTrue(str(common, "data", "QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + clusterName + "-rw:5432/"
        + str(clusters.get(0), "spec", "bootstrap", "initdb", "database")));
    // the database owner's secret is the one the services log in with
    String ownerSecret = str(clusters.get(0), "spec", "bootstrap", "initdb", "secret", "name");
    m.ofKind("Deployment").forEach(d -> containers(d).forEach(c -> maps(c, "env").stream()
        .filter(e -> "QUARKUS_DATASOURCE_USERNAME".equals(str(e, "name")))
        .forEach(e -> assertEquals(ownerSecret, str(e, "valueFrom", "secretKeyRef", "name")))));
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void prodRunsTwoOrMoreReplicasOnDifferentNodesAgainstExternalKafkaAndPostgres() {
    Manifests m = rendered("prod");
    List<String> problems = new ArrayList<>();
    for (var d : m.ofKind("Deployment")) {
      String name = StrictObjects.name(d);
      Object replicas = at(d, "spec", "replicas");
      if (!(replicas instanceof Number n && n.intValue() >= 2)) {
        problems.add(name + ": replicas " + replicas);
      }
      var terms = maps(d, "spec", "template", "spec", "affinity", "podAntiAffinity",
          "requiredDuringSchedulingIgnoredDuringExecution");
      boolean spread = terms.stream().anyMatch(t -> "kubernetes.io/hostname".equals(str(t, "topologyKey"))
          && NetworkModel.selectorMatches(map(t, "labelSelector"), Manifests.podLabels(d))
          && m.ofKind("Deployment").stream().filter(o -> o != d)
              .noneMatch(o -> NetworkModel.selectorMatches(map(t, "labelSelector"), Manifests.podLabels(o))));
      if (!spread) {
        problems.add(name + ": no required anti-affinity on kubernetes.io/hostname selecting exactly its own pods");
      }
    }
    if (!m.ofKind("Kafka").isEmpty() || !m.ofKind("Cluster").isEmpty() || !m.ofKind("KafkaNodePool").isEmpty()) {
      problems.add("prod must not create Kafka or PostgreSQL");
    }
    Map<String, Object> common = m.ofKind("ConfigMap").stream()
        .filter(c -> StrictObjects.name(c).startsWith("stalewatch-common")).findFirst().orElseThrow();
    if (str(common, "data", "KAFKA_BOOTSTRAP_SERVERS").equals("kafka:9092")
        || str(common, "data", "QUARKUS_DATASOURCE_JDBC_URL").contains("//postgres:")) {
      problems.add("prod still has the base placeholders for Kafka or PostgreSQL");
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
