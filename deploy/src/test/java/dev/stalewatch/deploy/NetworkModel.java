package dev.stalewatch.deploy;

import static dev.stalewatch.deploy.Manifests.list;
import static dev.stalewatch.deploy.Manifests.map;
import static dev.stalewatch.deploy.Manifests.maps;
import static dev.stalewatch.deploy.Manifests.str;

import java.util.List;
import java.util.Map;

/**
 * Evaluates Kubernetes NetworkPolicy semantics for one connection: allowed when the source's
 * egress and the destination's ingress both allow it (a side no policy isolates allows all).
 */
final class NetworkModel {

  /** A pod (labels, namespace, its named ports) or, with {@code ip} set, an address outside the cluster. */
  record Peer(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts, String ip) {
    static Peer pod(String name, String namespace, Map<String, String> labels) {
      return new Peer(name, namespace, labels, Map.of(), null);
    }

    static Peer external(String name, String ip) {
      return new Peer(name, null, Map.of(), Map.of(), ip);
    }

    Map<String, String> namespaceLabels() {
      return Map.of("kubernetes.io/metadata.name", namespace);
    }
  }

  private final List<Map<String, Object>> policies;

  NetworkModel(Manifests manifests) {
    this.policies = manifests.ofKind("NetworkPolicy");
  }

  boolean allowed(Peer from, Peer to, int port, String protocol) {
    return egressAllowed(from, to, port, protocol) && (to.ip() != null || ingressAllowed(from, to, port, protocol));
  }

  private boolean egressAllowed(Peer from, Peer to, int port, String protocol) {
    List<Map<String, Object>> isolating = selecting(from, "Egress");
    return isolating.isEmpty() || isolating.stream().anyMatch(p -> maps(p, "spec", "egress").stream()
        .anyMatch(rule -> portMatches(rule, to, port, protocol) && peersMatch(maps(rule, "to"), to, p)));
  }

  private boolean ingressAllowed(Peer from, Peer to, int port, String protocol) {
    List<Map<String, Object>> isolating = selecting(to, "Ingress");
    return isolating.isEmpty() || isolating.stream().anyMatch(p -> maps(p, "spec", "ingress").stream()
        .anyMatch(rule -> portMatches(rule, to, port, protocol) && peersMatch(maps(rule, "from"), from, p)));
  }

  /** Policies in the pod's namespace selecting it with the given policy type. */
  private List<Map<String, Object>> selecting(Peer pod, String type) {
    if (pod.ip() != null) {
      return List.of();
    }
    return policies.stream()
        .filter(p -> Manifests.namespace(p).equals(pod.namespace()))
        .filter(p -> selectorMatches(map(p, "spec", "podSelector"), pod.labels()))
        .filter(p -> types(p).contains(type))
        .toList();
  }

  private static List<Object> types(Map<String, Object> policy) {
    List<Object> declared = list(policy, "spec", "policyTypes");
    if (!declared.isEmpty()) {
      return declared;
    }
    return Manifests.at(policy, "spec", "egress") != null ? List.of("Ingress", "Egress") : List.of("Ingress");
  }

  private static boolean portMatches(Map<String, Object> rule, Peer target, int port, String protocol) {
    List<Map<String, Object>> ports = maps(rule, "ports");
    if (ports.isEmpty()) {
      return true;
    }
    return ports.stream().anyMatch(p -> {
      String proto = str(p, "protocol") == null ? "TCP" : str(p, "protocol");
      Object value = p.get("port");
      if (!proto.equals(protocol)) {
        return false;
      }
      if (value == null) {
        return true;
      }
      if (value instanceof Number n) {
        Object end = p.get("endPort");
        return end instanceof Number e ? port >= n.intValue() && port <= e.intValue() : n.intValue() == port;
      }
      Integer named = target.namedPorts().get(String.valueOf(value));
      return named != null && named == port;
    });
  }

  private static boolean peersMatch(List<Map<String, Object>> peers, Peer peer, Map<String, Object> policy) {
    if (peers.isEmpty()) {
      return true;
    }
    return peers.stream().anyMatch(p -> {
      if (p.containsKey("ipBlock")) {
        if (peer.ip() == null) {
          return false;
        }
        return inCidr(peer.ip(), str(p, "ipBlock", "cidr"))
            && list(p, "ipBlock", "except").stream().noneMatch(e -> inCidr(peer.ip(), String.valueOf(e)));
      }
      if (peer.ip() != null) {
        return false;
      }
      boolean namespaceOk = p.containsKey("namespaceSelector")
          ? selectorMatches(map(p, "namespaceSelector"), peer.namespaceLabels())
          : peer.namespace().equals(Manifests.namespace(policy));
      boolean podOk = !p.containsKey("podSelector") || selectorMatches(map(p, "podSelector"), peer.labels());
      return namespaceOk && podOk;
    });
  }

  static boolean selectorMatches(Map<String, Object> selector, Map<String, String> labels) {
    for (Map.Entry<String, Object> e : map(selector, "matchLabels").entrySet()) {
      if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Map<String, Object> expr : maps(selector, "matchExpressions")) {
      String key = str(expr, "key");
      List<String> values = list(expr, "values").stream().map(String::valueOf).toList();
      boolean ok = switch (String.valueOf(expr.get("operator"))) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean inCidr(String ip, String cidr) {
    String[] parts = cidr.split("/");
    int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
  }

  private static long toLong(String ip) {
    long v = 0;
    for (String octet : ip.split("\\.")) {
      v = (v << 8) | Integer.parseInt(octet);
    }
    return v;
  }
}
