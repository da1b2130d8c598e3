package dev.stalewatch.events;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The VersionObserved-specific rules: hash, histogram, source, deps and the size limit. */
final class ObservationRules {

  private final int maxSourceBytes;

  ObservationRules(int maxSourceBytes) {
    this.maxSourceBytes = maxSourceBytes;
  }

  void check(VersionObserved event, Checks checks, TextFacts facts) {
    checks.requiredMatch("versionHash", event.versionHash(), WirePatterns.HASH);
    checks.requiredMatch("hashAlgorithm", event.hashAlgorithm(), WirePatterns.HASH_ALGORITHM);
    checkLanguage(event, checks);
    checkSource(event.source(), checks, facts);
    checkDeps(event, checks, facts);
    checkHistogram(event.resultVersions(), checks);
    checks.wellFormedText("workerId", event.workerId(), facts);
    if (facts.utf8BytesBound() > maxSourceBytes) {
      checkSize(event, checks);
    }
  }

  private static void checkLanguage(VersionObserved event, Checks checks) {
    if (event.source() != null) {
      checks.required("language", event.language());
    }
    checks.match("language", event.language(), WirePatterns.LANGUAGE);
  }

  private static void checkSource(Source source, Checks checks, TextFacts facts) {
    if (source == null) {
      return;
    }
    checks.requiredText("source.name", source.name());
    checks.wellFormedText("source.name", source.name(), facts);
    checks.required("source.text", source.text());
    checks.wellFormedText("source.text", source.text(), facts);
  }

  private static void checkDeps(VersionObserved event, Checks checks, TextFacts facts) {
    List<Dep> deps = event.deps();
    if (event.source() == null && !deps.isEmpty()) {
      checks.add("deps", "must be absent in a histogram-only report (one without source)");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < deps.size(); i++) {
      String path = "deps[" + i + "]";
      Dep dep = deps.get(i);
      if (checks.required(path, dep)) {
        checkDep(path, dep, checks, facts);
        if (dep.name() != null && !names.add(dep.name())) {
          checks.add(path + ".name", "duplicates the name " + Checks.quote(dep.name()) + " of an earlier dep");
        }
      }
    }
  }

  private static void checkDep(String path, Dep dep, Checks checks, TextFacts facts) {
    checks.requiredText(path + ".name", dep.name());
    checks.wellFormedText(path + ".name", dep.name(), facts);
    checks.required(path + ".kind", dep.kind());
    if (dep.kind() == DepKind.CODE) {
      checks.required(path + ".language", dep.language());
    }
    checks.match(path + ".language", dep.language(), WirePatterns.LANGUAGE);
    checks.required(path + ".text", dep.text());
    checks.wellFormedText(path + ".text", dep.text(), facts);
  }

  private static void checkHistogram(Map<String, Long> resultVersions, Checks checks) {
    if (!checks.required("resultVersions", resultVersions)) {
      return;
    }
    resultVersions.forEach(
        (hash, count) -> {
          String path = "resultVersions." + (hash == null ? "null" : Checks.abbreviate(hash));
          checks.requiredMatch(path, hash, WirePatterns.HASH);
          checks.requiredAtLeast(path, count, 0);
        });
  }

  private void checkSize(VersionObserved event, Checks checks) {
    long bytes = textBytes(event.source() == null ? null : event.source().text());
    for (Dep dep : event.deps()) {
      bytes += dep == null ? 0 : textBytes(dep.text());
    }
    if (bytes > maxSourceBytes) {
      checks.add(
          "source",
          "source text plus dep texts are "
              + bytes
              + " UTF-8 bytes, over the limit of "
              + maxSourceBytes
              + " bytes");
    }
  }

  private static long textBytes(String text) {
    return text == null ? 0 : Utf8.encodedLength(text);
  }
}
