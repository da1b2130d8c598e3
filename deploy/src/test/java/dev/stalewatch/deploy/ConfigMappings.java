package dev.stalewatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a service's {@code @ConfigMapping} interfaces from source ({@code config/*Config.java}):
 * every leaf property with its full name and {@code @WithDefault}. Source, not reflection, so this
 * module need not depend on the Quarkus applications.
 */
final class ConfigMappings {

  record Property(String name, String type, String defaultValue) {
    String environmentVariable() {
      return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
  }

  private record MethodDecl(String type, String name, String defaultValue) {}

  private static final Pattern ROOT = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)\\s*public interface (\\w+)");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface (\\w+)");
  private static final Pattern METHOD = Pattern.compile(
      "((?:@\\w+(?:\\(\"[^\"]*\"\\))?\\s*)*)([\\w.<>]+)\\s+(\\w+)\\(\\);");
  private static final Pattern DEFAULT = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)");

  private ConfigMappings() {}

  static List<Property> of(String service) {
    Map<String, List<MethodDecl>> interfaces = new LinkedHashMap<>();
    String prefix = null;
    String root = null;
    for (Path file : configSources(service)) {
      String text = Repo.read(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
      Matcher r = ROOT.matcher(text);
      if (r.find()) {
        prefix = r.group(1);
        root = r.group(2);
      }
      List<int[]> starts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Matcher i = INTERFACE.matcher(text);
      while (i.find()) {
        starts.add(new int[] {i.start()});
        names.add(i.group(1));
      }
      for (int n = 0; n < names.size(); n++) {
        int end = n + 1 < starts.size() ? starts.get(n + 1)[0] : text.length();
        String chunk = text.substring(starts.get(n)[0], end);
        List<MethodDecl> methods = new ArrayList<>();
        Matcher m = METHOD.matcher(chunk);
        while (m.find()) {
          Matcher d = DEFAULT.matcher(m.group(1));
          methods.add(new MethodDecl(m.group(2), m.group(3), d.find() ? d.group(1) : null));
        }
        interfaces.put(names.get(n), methods);
      }
    }
    if (root == null) {
      throw new IllegalStateException(service + ": no @ConfigMapping interface");
    }
    List<Property> out = new ArrayList<>();
    expand(interfaces, root, prefix, out);
    return out;
  }

  private static void expand(Map<String, List<MethodDecl>> interfaces, String iface, String prefix, List<Property> out) {
    for (MethodDecl m : interfaces.get(iface)) {
      String name = prefix + "." + kebab(m.name());
      if (interfaces.containsKey(m.type())) {
        expand(interfaces, m.type(), name, out);
      } else {
        out.add(new Property(name, m.type(), m.defaultValue()));
      }
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static List<Path> configSources(String service) {
    try (Stream<Path> files = Files.walk(Repo.ROOT.resolve(service).resolve("src/main/java"))) {
      return files.filter(p -> p.getParent().getFileName().toString().equals("config")
          && p.getFileName().toString().endsWith("Config.java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
