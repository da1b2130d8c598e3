package dev.stalewatch.triageservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.Dep;
import dev.stalewatch.triage.Unit;

class CacheKeyTest {

    private static CodeSnapshot python(String source, Dep... deps) {
        return new CodeSnapshot("python", new Unit("f", source), List.of(deps));
    }

    @Test
    void theReversedPairHasTheSameKey() {
        CodeSnapshot a = python("def f(): return 1\n", Dep.text("PROMPT", "a"));
        CodeSnapshot b = python("def f(): return 2\n", Dep.text("PROMPT", "b"));
        assertEquals(CacheKey.of(a, b), CacheKey.of(b, a));
    }

    @Test
    void depOrderDoesNotMatterButEveryFieldDoes() {
        CodeSnapshot a = python("x", Dep.text("A", "1"), Dep.text("B", "2"));
        CodeSnapshot aReordered = python("x", Dep.text("B", "2"), Dep.text("A", "1"));
        CodeSnapshot other = python("y");
        assertEquals(CacheKey.of(a, other), CacheKey.of(aReordered, other));
        assertNotEquals(CacheKey.of(a, other), CacheKey.of(python("x", Dep.text("A", "1"), Dep.code("B", "python", "2")), other));
        assertNotEquals(CacheKey.of(python("x"), other),
                CacheKey.of(new CodeSnapshot("java", new Unit("f", "x"), List.of()), other));
    }

    @Test
    void lengthPrefixesKeepFieldBordersApart() {
        CodeSnapshot other = python("z");
        // the same concatenated bytes, split differently between source and dep
        assertNotEquals(CacheKey.of(python("ab", Dep.text("P", "c")), other),
                CacheKey.of(python("a", Dep.text("P", "bc")), other));
        assertNotEquals(CacheKey.of(python("x", Dep.text("AB", "c")), other),
                CacheKey.of(python("x", Dep.text("A", "Bc")), other));
    }

    @Test
    void sourceNameAndJobAreNotPartOfTheKey() {
        CodeSnapshot other = python("z");
        assertEquals(CacheKey.of(python("x"), other),
                CacheKey.of(new CodeSnapshot("python", new Unit("renamed", "x"), List.of()), other));
    }
}
