package dev.stalewatch.worker;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Captures what goes into a stage's version: its source and its declared deps (helper code,
 * prompts, model names), read from strings, files or class-path resources exactly as they are: no
 * newline conversion, no trimming. Immutable; each {@code with…} returns a new instance.
 */
public final class StageCode {

  private final String language;
  private final Source source;
  private final List<Dep> deps;

  private StageCode(String language, Source source, List<Dep> deps) {
    this.language = Objects.requireNonNull(language, "language");
    this.source = Objects.requireNonNull(source, "source");
    this.deps = List.copyOf(deps);
  }

  public static StageCode of(String language, String sourceName, String sourceText) {
    return new StageCode(language, new Source(sourceName, sourceText), List.of());
  }

  /** The source from a UTF-8 file, e.g. the handler's {@code .java} file shipped with the worker. */
  public static StageCode ofFile(String language, String sourceName, Path file) {
    return of(language, sourceName, read(file));
  }

  /** The source from a class-path resource (UTF-8), e.g. sources packaged into the worker's jar. */
  public static StageCode ofResource(
      String language, String sourceName, Class<?> anchor, String resource) {
    return of(language, sourceName, readResource(anchor, resource));
  }

  /** Helper code compared structurally, in the stage's language. */
  public StageCode withCodeDep(String name, String text) {
    return withDep(Dep.code(name, language, text));
  }

  public StageCode withCodeDep(String name, String depLanguage, String text) {
    return withDep(Dep.code(name, depLanguage, text));
  }

  /** A prompt, model name or constant, compared byte for byte. */
  public StageCode withTextDep(String name, String text) {
    return withDep(Dep.text(name, text));
  }

  public StageCode withDep(Dep dep) {
    List<Dep> more = new ArrayList<>(deps);
    more.add(Objects.requireNonNull(dep, "dep"));
    return new StageCode(language, source, more);
  }

  public String language() {
    return language;
  }

  public Source source() {
    return source;
  }

  public List<Dep> deps() {
    return deps;
  }

  /** The {@code stalewatch-sha256-v1} hash the worker stores with its results. */
  public String versionHash() {
    return VersionHash.compute(language, source, deps);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String readResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource + " beside " + anchor.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }
}
