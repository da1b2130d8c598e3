package dev.stalewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/operations.md documents every setting of every service, with its default. */
class OperationsDocTest {

  private static final String DOC = Repo.read(Repo.ROOT.resolve("docs/operations.md"));
  private static final List<String> LINES = DOC.lines().toList();

  static List<String> undocumentedProperties(String doc, ServiceConfig config) {
    List<String> missing = new ArrayList<>();
    config.properties().keySet().stream().filter(k -> !doc.contains("`" + k + "`"))
        .forEach(k -> missing.add(config.service() + ": " + k));
    config.environmentVariables().stream().filter(v -> !doc.contains("`" + v + "`"))
        .forEach(v -> missing.add(config.service() + ": environment variable " + v));
    return missing;
  }

  @Test
  void everyPropertyAndEnvironmentVariableOfEveryApplicationPropertiesIsDocumented() {
    List<String> missing = new ArrayList<>();
    RenderedOverlaysTest.CONFIGS.forEach(c -> missing.addAll(undocumentedProperties(DOC, c)));
    assertTrue(missing.isEmpty(), () -> "docs/operations.md lacks " + missing);
  }

  @Test
  void anUndocumentedPropertyIsReported() {
    ServiceConfig withNew = ServiceConfig.of("snapshot-service",
        Repo.read(Repo.ROOT.resolve("snapshot-service/src/main/resources/application.properties"))
            + "\nstalewatch.snapshot.brand-new-knob=${STALEWATCH_BRAND_NEW:1}\n");
    List<String> missing = undocumentedProperties(DOC, withNew);
    assertTrue(missing.contains("snapshot-service: stalewatch.snapshot.brand-new-knob"), missing::toString);
    assertTrue(missing.contains("snapshot-service: environment variable STALEWATCH_BRAND_NEW"), missing::toString);
  }

  @Test
  void everyConfigMappingPropertyIsDocumentedWithItsEnvironmentVariableAndDefault() {
    List<String> problems = new ArrayList<>();
    for (String service : Repo.SERVICES) {
      List<ConfigMappings.Property> properties = ConfigMappings.of(service);
      assertTrue(properties.size() > 5, service + ": config mapping not read");
      for (ConfigMappings.Property p : properties) {
        List<String> rows = LINES.stream().filter(l -> l.startsWith("| `" + p.name() + "` |")).toList();
        if (rows.isEmpty()) {
          problems.add(service + ": " + p.name() + " not documented");
          continue;
        }
        if (rows.stream().noneMatch(l -> l.contains("`" + p.environmentVariable() + "`"))) {
          problems.add(p.name() + ": environment variable " + p.environmentVariable() + " not named");
        }
        if (p.defaultValue() != null && rows.stream().noneMatch(l -> l.contains("`" + p.defaultValue() + "`"))) {
          problems.add(p.name() + ": default " + p.defaultValue() + " not stated");
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
