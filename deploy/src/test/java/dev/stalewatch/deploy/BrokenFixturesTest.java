package dev.stalewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.deploy.NetworkModel.Peer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each broken copy under src/test/resources/broken makes the check for its defect fail. */
class BrokenFixturesTest {

  private static final List<ServiceConfig> CONFIGS = RenderedOverlaysTest.CONFIGS;

  private static Manifests fixture(String name) {
    return Manifests.parse(Repo.read(Repo.BROKEN.resolve(name)));
  }

  private static List<ServiceConfig> only(String service) {
    return CONFIGS.stream().filter(c -> c.service().equals(service)).toList();
  }

  private static void assertReports(List<String> problems, String expected) {
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
        () -> "expected a problem containing '" + expected + "', got " + problems);
  }

  @Test
  void aWrongProbePathFailsTheProbeCheck() {
    assertReports(ManifestChecks.portsAndProbes(fixture("wrong-probe-path.yaml"), only("snapshot-service")),
        "readinessProbe path /health/ready but the service answers /q/health/ready");
  }

  @Test
  void anUnknownFieldInACoreObjectOrACustomResourceFailsStrictValidation() {
    List<String> problems = ManifestChecks.strictlyValid(fixture("unknown-field.yaml"));
    assertReports(problems, "readOnlyRootFileSystem");
    assertReports(problems, "unknown field partiton");
    assertReports(problems, "required field partitions missing");
  }

  @Test
  void aTopicNameDifferentFromEventsAndAWrongDeadLetterLimitFailTheTopicCheck() {
    List<String> problems = ManifestChecks.topics(fixture("wrong-topic.yaml"), CONFIGS);
    assertReports(problems, "missing [stalewatch.verdicts.v1], unexpected [stalewatch.verdict.v1]");
    assertReports(problems, "stalewatch.version-changes.v1.triage-service.dlq: max.message.bytes 2097152, expected 3145728");
  }

  @Test
  void aSecretKeyMissingFromTheReadmeFailsTheSecretsCheck() {
    assertReports(ManifestChecks.secretsDocumented(fixture("undocumented-secret.yaml"),
        Repo.read(Repo.K8S.resolve("README.md"))), "secret stalewatch-pushover/user-key");
  }

  @Test
  void aVariableTheServiceReadsButThePodLacksFailsTheEnvironmentCheck() {
    assertReports(ManifestChecks.environment(fixture("missing-env.yaml"), only("triage-service")),
        "triage-service: environment variable STALEWATCH_URL is not provided");
  }

  @Test
  void withoutDefaultDenyTheNetworkCheckFails() {
    List<String> problems = ManifestChecks.networkFlows(fixture("open-network.yaml"), CONFIGS,
        Peer.pod("Kafka broker", "stalewatch-dev", java.util.Map.of("strimzi.io/cluster", "stalewatch-kafka",
            "strimzi.io/kind", "Kafka")),
        Peer.pod("PostgreSQL", "stalewatch-dev", java.util.Map.of("cnpg.io/cluster", "stalewatch-db")));
    assertReports(problems, "no default-deny NetworkPolicy");
  }

  @Test
  void aHeapAsLargeAsTheLimitARootPodAndNoWritableTmpFailTheHardeningCheck() {
    List<String> problems = ManifestChecks.hardening(fixture("unsafe-pod.yaml"), only("notifier-service"));
    assertReports(problems, "-Xmx512m leaves too little of the 512Mi limit");
    assertReports(problems, "not runAsNonRoot");
    assertReports(problems, "no writable emptyDir at /tmp");
  }
}
