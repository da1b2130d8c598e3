package dev.stalewatch.deploy;

import static dev.stalewatch.deploy.Manifests.at;
import static dev.stalewatch.deploy.Manifests.containers;
import static dev.stalewatch.deploy.Manifests.list;
import static dev.stalewatch.deploy.Manifests.map;
import static dev.stalewatch.deploy.Manifests.maps;
import static dev.stalewatch.deploy.Manifests.podSpec;
import static dev.stalewatch.deploy.Manifests.str;

import dev.stalewatch.deploy.NetworkModel.Peer;
import dev.stalewatch.events.MessageLimits;
import dev.stalewatch.events.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks every rendered overlay must pass; each answers its problems, empty when fine. */
final class ManifestChecks {

  private ManifestChecks() {}

  /** Every object deserializes as a Kubernetes object (or known custom resource) with no unknown field. */
  static List<String> strictlyValid(Manifests m) {
    List<String> problems = new ArrayList<>();
    m.objects().forEach(o -> problems.addAll(StrictObjects.problems(o)));
    return problems;
  }

  /** Container port and probe paths of each service's Deployment equal its configuration. */
  static List<String> portsAndProbes(Manifests m, List<ServiceConfig> configs) {
    List<String> problems = new ArrayList<>();
    for (ServiceConfig c : configs) {
      var deployment = m.find("Deployment", c.service());
      if (deployment.isEmpty()) {
        problems.add(c.service() + ": no Deployment");
        continue;
      }
      var container = containers(deployment.get()).stream().findFirst().orElse(Map.of());
      Map<String, Integer> ports = namedPorts(container);
      if (!ports.containsValue(c.httpPort())) {
        problems.add(c.service() + ": containerPort " + ports.values() + " but quarkus.http.port is " + c.httpPort());
      }
      Map<String, String> expected = Map.of(
          "livenessProbe", c.livePath(), "readinessProbe", c.readyPath(), "startupProbe", c.startedPath());
      expected.forEach((probe, path) -> {
        if (!(container.get(probe) instanceof Map)) {
          problems.add(c.service() + ": no " + probe);
          return;
        }
        String actual = str(container, probe, "httpGet", "path");
        if (!path.equals(actual)) {
          problems.add(c.service() + ": " + probe + " path " + actual + " but the service answers " + path);
        }
        Object port = at(container, probe, "httpGet", "port");
        Integer resolved = port instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(port));
        if (!Objects.equals(resolved, c.httpPort())) {
          problems.add(c.service() + ": " + probe + " port " + port + " is not " + c.httpPort());
        }
      });
      var service = m.find("Service", c.service());
      if (service.isEmpty()) {
        problems.add(c.service() + ": no Service");
      } else {
        for (Map<String, Object> p : maps(service.get(), "spec", "ports")) {
          Object target = p.get("targetPort");
          Integer resolved = target instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(target));
          if (!Objects.equals(resolved, c.httpPort())) {
            problems.add(c.service() + ": Service targetPort " + target + " is not the container's " + c.httpPort());
          }
        }
        if (!NetworkModel.selectorMatches(Map.of("matchLabels", map(service.get(), "spec", "selector")),
            Manifests.podLabels(deployment.get()))) {
          problems.add(c.service() + ": Service selector does not select the Deployment's pods");
        }
      }
    }
    return problems;
  }

  /** Every environment variable a service's application.properties reads is set in its pod. */
  static List<String> environment(Manifests m, List<ServiceConfig> configs) {
    List<String> problems = new ArrayList<>();
    for (ServiceConfig c : configs) {
      var deployment = m.find("Deployment", c.service());
      if (deployment.isEmpty()) {
        problems.add(c.service() + ": no Deployment");
        continue;
      }
      Set<String> provided = new TreeSet<>();
      for (Map<String, Object> container : containers(deployment.get())) {
        maps(container, "env").forEach(e -> provided.add(str(e, "name")));
        for (Map<String, Object> from : maps(container, "envFrom")) {
          String cm = str(from, "configMapRef", "name");
          if (cm != null) {
            var configMap = m.find("ConfigMap", cm);
            if (configMap.isEmpty()) {
              problems.add(c.service() + ": envFrom ConfigMap " + cm + " does not exist");
            } else {
              String prefix = str(from, "prefix") == null ? "" : str(from, "prefix");
              map(configMap.get(), "data").keySet().forEach(k -> provided.add(prefix + k));
            }
          }
          if (from.containsKey("secretRef")) {
            problems.add(c.service() + ": envFrom secretRef hides which keys are used; name them in env");
          }
        }
      }
      for (String variable : c.environmentVariables()) {
        if (!provided.contains(variable)) {
          problems.add(c.service() + ": environment variable " + variable + " is not provided");
        }
      }
    }
    return problems;
  }

  /** Every Secret (and key) the manifests reference is listed in the README's secrets table. */
  static List<String> secretsDocumented(Manifests m, String readme) {
    Set<String> documented = new LinkedHashSet<>();
    Matcher row = Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`").matcher(readme);
    while (row.find()) {
      documented.add(row.group(1) + "/" + row.group(2));
      documented.add(row.group(1));
    }
    Set<String> referenced = new TreeSet<>();
    for (Map<String, Object> w : m.workloads()) {
      List<Map<String, Object>> all = new ArrayList<>(containers(w));
      all.addAll(maps(podSpec(w), "initContainers"));
      for (Map<String, Object> container : all) {
        for (Map<String, Object> e : maps(container, "env")) {
          String name = str(e, "valueFrom", "secretKeyRef", "name");
          if (name != null) {
            referenced.add(name + "/" + str(e, "valueFrom", "secretKeyRef", "key"));
          }
        }
        maps(container, "envFrom").stream().map(f -> str(f, "secretRef", "name")).filter(Objects::nonNull)
            .forEach(referenced::add);
      }
      maps(podSpec(w), "volumes").stream().map(v -> str(v, "secret", "secretName")).filter(Objects::nonNull)
          .forEach(referenced::add);
    }
    for (Map<String, Object> ingress : m.ofKind("Ingress")) {
      maps(ingress, "spec", "tls").stream().map(t -> str(t, "secretName")).filter(Objects::nonNull)
          .forEach(referenced::add);
    }
    for (Map<String, Object> cluster : m.ofKind("Cluster")) {
      String name = str(cluster, "spec", "bootstrap", "initdb", "secret", "name");
      if (name != null) {
        referenced.add(name + "/username");
        referenced.add(name + "/password");
      }
    }
    List<String> problems = new ArrayList<>();
    referenced.stream().filter(r -> !documented.contains(r))
        .forEach(r -> problems.add("secret " + r + " is referenced but not documented in deploy/k8s/README.md"));
    return problems;
  }

  /** Topics are exactly the event topics of {@code events} plus one dead-letter topic per consumer. */
  static List<String> topics(Manifests m, List<ServiceConfig> configs) {
    Set<String> deadLetters = new TreeSet<>();
    for (ServiceConfig c : configs) {
      for (String constant : c.consumedTopicConstants()) {
        deadLetters.add(Topics.deadLetter(topicConstant(constant), c.service()));
      }
    }
    Set<String> expected = new TreeSet<>(Topics.ALL);
    expected.addAll(deadLetters);
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
      String name = str(topic, "spec", "topicName") != null ? str(topic, "spec", "topicName") : StrictObjects.name(topic);
      byName.put(name, topic);
    }
    if (!byName.keySet().equals(expected)) {
      Set<String> extra = new TreeSet<>(byName.keySet());
      extra.removeAll(expected);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(byName.keySet());
      problems.add("KafkaTopics differ from dev.stalewatch.events.Topics: missing " + missing + ", unexpected " + extra);
    }
    byName.forEach((name, topic) -> {
      int limit = Topics.isDeadLetter(name) ? MessageLimits.MAX_DEAD_LETTER_RECORD_BYTES : MessageLimits.MAX_RECORD_BYTES;
      String actual = str(topic, "spec", "config", "max.message.bytes");
      if (!String.valueOf(limit).equals(actual)) {
        problems.add(name + ": max.message.bytes " + actual + ", expected " + limit);
      }
      Object replicas = at(topic, "spec", "replicas");
      String minIsr = str(topic, "spec", "config", "min.insync.replicas");
      if (replicas instanceof Number r && minIsr != null && Integer.parseInt(minIsr) > Math.max(1, r.intValue() - 1)
          && r.intValue() > 1) {
        problems.add(name + ": min.insync.replicas " + minIsr + " leaves no broker to lose with " + r + " replicas");
      }
      if (replicas instanceof Number r && minIsr != null && Integer.parseInt(minIsr) > r.intValue()) {
        problems.add(name + ": min.insync.replicas " + minIsr + " above replicas " + r);
      }
    });
    return problems;
  }

  private static String topicConstant(String constant) {
    try {
      return (String) Topics.class.getField(constant).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Topics." + constant + " not found", e);
    }
  }

  /**
   * Pods run as non-root with a read-only root filesystem and a writable /tmp, have requests and
   * limits, a heap that fits the memory limit, a ServiceAccount and a PodDisruptionBudget.
   */
  static List<String> hardening(Manifests m, List<ServiceConfig> configs) {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> w : m.workloads()) {
      String who = w.get("kind") + " " + StrictObjects.name(w);
      Map<String, Object> pod = podSpec(w);
      for (Map<String, Object> c : containers(w)) {
        boolean nonRoot = Boolean.TRUE.equals(at(c, "securityContext", "runAsNonRoot"))
            || Boolean.TRUE.equals(at(pod, "securityContext", "runAsNonRoot"));
        if (!nonRoot) {
          problems.add(who + ": not runAsNonRoot");
        }
        Object uid = at(c, "securityContext", "runAsUser") != null ? at(c, "securityContext", "runAsUser")
            : at(pod, "securityContext", "runAsUser");
        if (uid instanceof Number n && n.intValue() == 0) {
          problems.add(who + ": runAsUser 0");
        }
        if (!Boolean.TRUE.equals(at(c, "securityContext", "readOnlyRootFilesystem"))) {
          problems.add(who + ": root filesystem not read-only");
        }
        if (!Boolean.FALSE.equals(at(c, "securityContext", "allowPrivilegeEscalation"))) {
          problems.add(who + ": allowPrivilegeEscalation not false");
        }
        var tmp = maps(c, "volumeMounts").stream().filter(v -> "/tmp".equals(str(v, "mountPath"))).findFirst();
        boolean tmpWritable = tmp.isPresent() && !Boolean.TRUE.equals(tmp.get().get("readOnly"))
            && maps(pod, "volumes").stream().anyMatch(v -> Objects.equals(str(v, "name"), str(tmp.get(), "name"))
                && v.containsKey("emptyDir"));
        if (!tmpWritable) {
          problems.add(who + ": no writable emptyDir at /tmp");
        }
        for (String kind : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory")) {
            if (at(c, "resources", kind, resource) == null) {
              problems.add(who + ": no " + kind + "." + resource);
            }
          }
        }
      }
    }
    for (ServiceConfig c : configs) {
      var d = m.find("Deployment", c.service());
      if (d.isEmpty()) {
        problems.add(c.service() + ": no Deployment");
        continue;
      }
      Map<String, Object> container = containers(d.get()).stream().findFirst().orElse(Map.of());
      String opts = maps(container, "env").stream().filter(e -> "JAVA_OPTS_APPEND".equals(str(e, "name")))
          .map(e -> str(e, "value")).findFirst().orElse("");
      Matcher xmx = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(opts);
      String limit = str(container, "resources", "limits", "memory");
      if (!xmx.find()) {
        problems.add(c.service() + ": no -Xmx in JAVA_OPTS_APPEND");
      } else if (limit != null) {
        long heap = Long.parseLong(xmx.group(1)) * switch (xmx.group(2).toLowerCase()) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
        long max = bytes(limit);
        if (heap > max * 3 / 4 || max - heap < 192L * 1024 * 1024) {
          problems.add(c.service() + ": -Xmx" + xmx.group(1) + xmx.group(2) + " leaves too little of the "
              + limit + " limit for metaspace, threads and buffers");
        }
        if (heap < max / 4) {
          problems.add(c.service() + ": -Xmx" + xmx.group(1) + xmx.group(2) + " wastes the " + limit + " limit");
        }
      }
      String sa = str(podSpec(d.get()), "serviceAccountName");
      if (sa == null || m.find("ServiceAccount", sa).isEmpty()) {
        problems.add(c.service() + ": ServiceAccount " + sa + " missing");
      }
      Map<String, String> labels = Manifests.podLabels(d.get());
      boolean pdb = m.ofKind("PodDisruptionBudget").stream()
          .anyMatch(p -> NetworkModel.selectorMatches(map(p, "spec", "selector"), labels));
      if (!pdb) {
        problems.add(c.service() + ": no PodDisruptionBudget selects its pods");
      }
    }
    return problems;
  }

  static long bytes(String quantity) {
    Matcher q = Pattern.compile("(\\d+)([KMGT]i?)?").matcher(quantity);
    if (!q.matches()) {
      throw new IllegalArgumentException("quantity " + quantity);
    }
    long n = Long.parseLong(q.group(1));
    String unit = q.group(2) == null ? "" : q.group(2);
    return n * switch (unit) {
      case "Ki" -> 1024L;
      case "Mi" -> 1024L * 1024;
      case "Gi" -> 1024L * 1024 * 1024;
      case "K" -> 1000L;
      case "M" -> 1000_000L;
      case "G" -> 1000_000_000L;
      default -> 1L;
    };
  }

  /** The image names the manifests use are those the services' image recipes build. */
  static List<String> images(Manifests m, List<ServiceConfig> configs) {
    List<String> problems = new ArrayList<>();
    for (ServiceConfig c : configs) {
      var d = m.find("Deployment", c.service());
      if (d.isEmpty()) {
        problems.add(c.service() + ": no Deployment");
        continue;
      }
      String image = str(containers(d.get()).stream().findFirst().orElse(Map.of()), "image");
      String repository = image == null ? "" : image.replaceAll(":[^/:]+$", "");
      String expected = "stalewatch/" + c.service();
      if (!(repository.equals(expected) || repository.endsWith("/" + expected))) {
        problems.add(c.service() + ": image " + image + " is not " + expected);
      }
      var recipe = Repo.ROOT.resolve(c.service()).resolve("src/main/docker/Dockerfile.jvm");
      if (!java.nio.file.Files.isRegularFile(recipe)) {
        problems.add(c.service() + ": no image recipe " + Repo.ROOT.relativize(recipe));
      } else {
        String text = Repo.read(recipe);
        if (!text.contains("-t " + expected + ":")) {
          problems.add(c.service() + ": Dockerfile.jvm does not build " + expected);
        }
        if (!text.contains("EXPOSE " + c.httpPort())) {
          problems.add(c.service() + ": Dockerfile.jvm does not EXPOSE " + c.httpPort());
        }
        if (!text.contains("target/quarkus-app/")) {
          problems.add(c.service() + ": Dockerfile.jvm does not package the fast-jar");
        }
      }
    }
    return problems;
  }

  /** The one-shot Job creates every schema a service's Flyway migrates. */
  static List<String> schemaJob(Manifests m, List<ServiceConfig> configs) {
    var jobs = m.ofKind("Job");
    if (jobs.isEmpty()) {
      return List.of("no schema Job");
    }
    String script = String.join("\n", containers(jobs.get(0)).stream()
        .flatMap(c -> java.util.stream.Stream.concat(list(c, "command").stream(), list(c, "args").stream()))
        .map(String::valueOf).toList());
    List<String> problems = new ArrayList<>();
    for (ServiceConfig c : configs) {
      for (String schema : c.schemas()) {
        if (!script.contains("'" + schema + "'")) {
          problems.add("schema Job does not create schema " + schema + " (" + c.service() + ")");
        }
      }
    }
    if (!script.contains("CREATE SCHEMA IF NOT EXISTS")) {
      problems.add("schema Job is not idempotent (CREATE SCHEMA IF NOT EXISTS)");
    }
    return problems;
  }

  /**
   * The data flow of docs/architecture.md is allowed and nothing else: DNS, Kafka, PostgreSQL, triage to
   * snapshot-service, the LLM and Pushover over HTTPS, the ingress controller to snapshot-service.
   */
  static List<String> networkFlows(Manifests m, List<ServiceConfig> configs, Peer kafka, Peer postgres) {
    List<String> problems = new ArrayList<>();
    NetworkModel net = new NetworkModel(m);
    Map<String, Peer> pods = new LinkedHashMap<>();
    for (Map<String, Object> w : m.workloads()) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      containers(w).forEach(c -> ports.putAll(namedPorts(c)));
      pods.put(StrictObjects.name(w),
          new Peer(StrictObjects.name(w), Manifests.namespace(w), Manifests.podLabels(w), ports, null));
    }
    boolean denyAll = m.ofKind("NetworkPolicy").stream().anyMatch(p -> list(p, "spec", "policyTypes").containsAll(
        List.of("Ingress", "Egress")) && at(p, "spec", "ingress") == null && at(p, "spec", "egress") == null
        && pods.values().stream().allMatch(pod -> NetworkModel.selectorMatches(map(p, "spec", "podSelector"), pod.labels())));
    if (!denyAll) {
      problems.add("no default-deny NetworkPolicy (Ingress and Egress) selecting every Stalewatch pod");
    }
    String ns = pods.values().stream().map(Peer::namespace).findFirst().orElse("default");
    Peer dns = Peer.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"));
    Peer internet = Peer.external("api.anthropic.com / api.pushover.net", "160.79.104.10");
    Peer ingress = Peer.pod("ingress controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    Peer stranger = Peer.pod("a pod of another namespace", "elsewhere", Map.of("app", "other"));
    Peer sameNamespaceStranger = Peer.pod("another pod of this namespace", ns, Map.of("app", "other"));
    Map<String, Integer> ports = new LinkedHashMap<>();
    configs.forEach(c -> ports.put(c.service(), c.httpPort()));
    Peer snapshot = pods.get("snapshot-service");
    Peer triage = pods.get("triage-service");
    Peer notifier = pods.get("notifier-service");
    if (snapshot == null || triage == null || notifier == null) {
      problems.add("a service Deployment is missing");
      return problems;
    }
    for (Peer pod : pods.values()) {
      expect(problems, net, pod, dns, 53, "UDP", true);
      expect(problems, net, pod, postgres, 5432, "TCP", true);
      expect(problems, net, pod, internet, 80, "TCP", false);
    }
    for (Peer service : List.of(snapshot, triage, notifier)) {
      expect(problems, net, service, kafka, 9092, "TCP", true);
    }
    int snapshotPort = ports.get("snapshot-service");
    expect(problems, net, triage, snapshot, snapshotPort, "TCP", true);
    expect(problems, net, ingress, snapshot, snapshotPort, "TCP", true);
    expect(problems, net, triage, internet, 443, "TCP", true);
    expect(problems, net, notifier, internet, 443, "TCP", true);
    expect(problems, net, snapshot, internet, 443, "TCP", false);
    expect(problems, net, notifier, snapshot, snapshotPort, "TCP", false);
    expect(problems, net, stranger, snapshot, snapshotPort, "TCP", false);
    expect(problems, net, sameNamespaceStranger, snapshot, snapshotPort, "TCP", false);
    expect(problems, net, sameNamespaceStranger, notifier, ports.get("notifier-service"), "TCP", false);
    return problems;
  }

  private static void expect(List<String> problems, NetworkModel net, Peer from, Peer to, int port, String proto,
      boolean allowed) {
    if (net.allowed(from, to, port, proto) != allowed) {
      problems.add((allowed ? "blocked: " : "not blocked: ") + from.name() + " -> " + to.name() + " " + proto + "/" + port);
    }
  }

  static Map<String, Integer> namedPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Map<String, Object> p : maps(container, "ports")) {
      Object number = p.get("containerPort");
      if (number instanceof Number n) {
        ports.put(str(p, "name") == null ? String.valueOf(n) : str(p, "name"), n.intValue());
      }
    }
    return ports;
  }
}
