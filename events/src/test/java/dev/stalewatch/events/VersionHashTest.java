package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionHashTest {

  /** Hash vectors frozen when stalewatch-sha256-v1 was defined; they must never change. */
  static final class Vectors {
    static final Source MINIMAL_SOURCE = new Source("f", "def f(): pass");
    static final String MINIMAL = "7c157e2f8b89d55fee52f99ee8f60510075f4204250fe6c5eed99ced77ead199";

    static final String CONTRACT_EXAMPLE = "25eabd68180fa0a0774bce6a3d9b66d88590288e59771fddc86774604ddcf938";

    /** Names whose Java String order differs from code point order (U+E000 vs U+1F600). */
    static final List<String> UNICODE_NAMES = List.of("\uE000", "😀", "é", "B", "a");
    static final String UNICODE_NAMES_HASH = "f7aa5f8c189fac5fdfc364effd999127aa8fdc1cf0e774c6437dd02d6b96945e";

    static final String EMPTY_TEXT = "bd69d9d522f1c3a669818a31f9abf96e5ad680b796e58f309137cd4e71b8141f";

    private Vectors() {}
  }

  static List<Dep> unicodeNamedDeps() {
    return Vectors.UNICODE_NAMES.stream().map(name -> Dep.text(name, name + "!")).toList();
  }

  @Test
  void minimalSourceHashesToItsFrozenVector() {
    assertEquals(Vectors.MINIMAL, VersionHash.compute("python", Vectors.MINIMAL_SOURCE, List.of()));
  }

  @Test
  void designExampleHashesToItsFrozenVector() {
    assertEquals(Vectors.CONTRACT_EXAMPLE, VersionHash.compute(SampleEvents.versionObserved()));
  }

  @Test
  void depsAreOrderedByCodePointNotByJavaStringOrder() {
    assertEquals(
        Vectors.UNICODE_NAMES_HASH,
        VersionHash.compute("python", new Source("f", "pass"), unicodeNamedDeps()));
  }

  @Test
  void emptySourceTextHashesToItsFrozenVector() {
    assertEquals(Vectors.EMPTY_TEXT, VersionHash.compute("sql", new Source("q", ""), List.of()));
  }

  @Test
  void hashIsLowerCaseHexOf64Characters() {
    String hash = VersionHash.compute("python", Vectors.MINIMAL_SOURCE, List.of());

    assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    assertTrue(WirePatterns.HASH.matcher(hash).matches(), hash);
  }

  @Test
  void depOrderInTheReportDoesNotMatter() {
    List<Dep> shuffled = new ArrayList<>(unicodeNamedDeps());
    Collections.reverse(shuffled);

    assertEquals(
        Vectors.UNICODE_NAMES_HASH, VersionHash.compute("python", new Source("f", "pass"), shuffled));
  }

  @Test
  void movingTextAcrossAFieldBoundaryChangesTheHash() {
    String ab = VersionHash.compute("python", new Source("ab", "c"), List.of());
    String bc = VersionHash.compute("python", new Source("a", "bc"), List.of());

    assertNotEquals(ab, bc);
  }

  @Test
  void depKindIsPartOfTheHash() {
    Source source = new Source("f", "pass");

    assertNotEquals(
        VersionHash.compute("python", source, List.of(new Dep("X", DepKind.TEXT, "python", "1"))),
        VersionHash.compute("python", source, List.of(new Dep("X", DepKind.CODE, "python", "1"))));
  }

  @Test
  void depWithoutLanguageHashesLikeEmptyLanguage() {
    Source source = new Source("f", "pass");

    assertEquals(
        VersionHash.compute("python", source, List.of(new Dep("P", DepKind.TEXT, null, "t"))),
        VersionHash.compute("python", source, List.of(new Dep("P", DepKind.TEXT, "", "t"))));
  }

  @Test
  void languageIsPartOfTheHash() {
    assertNotEquals(
        VersionHash.compute("python", Vectors.MINIMAL_SOURCE, List.of()),
        VersionHash.compute("python3", Vectors.MINIMAL_SOURCE, List.of()));
  }

  @Test
  void duplicateDepNamesCannotBeHashed() {
    List<Dep> twice = List.of(Dep.text("P", "a"), Dep.text("P", "b"));

    assertThrows(IllegalArgumentException.class, () -> VersionHash.compute("python", Vectors.MINIMAL_SOURCE, twice));
  }

  @Test
  void unpairedSurrogateCannotBeHashed() {
    Source broken = new Source("f", "x\uDC00");

    assertThrows(IllegalArgumentException.class, () -> VersionHash.compute("python", broken, List.of()));
  }

  @Test
  void reportWithItsOwnStalewatchHashMatches() {
    VersionObserved report =
        VersionObserved.withStalewatchHash(
            "vic_ideas", "extract", "python", Vectors.MINIMAL_SOURCE, List.of(), Map.of(), null);

    assertEquals(Vectors.MINIMAL, report.versionHash());
    assertTrue(VersionHash.matches(report));
  }

  @Test
  void reportWhoseSourceDiffersFromItsHashDoesNotMatch() {
    VersionObserved report =
        VersionObserved.create(
            "vic_ideas", "extract", Vectors.MINIMAL, VersionHash.ALGORITHM, "python",
            new Source("f", "def f(): return 1"), List.of(), Map.of(), null);

    assertFalse(VersionHash.matches(report));
  }
}
