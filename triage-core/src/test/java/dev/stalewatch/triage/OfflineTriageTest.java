package dev.stalewatch.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineTriageTest {

    private static final String STAGE = "def extract(x):\n    return clean(x)  # strip\n";
    private static final String STAGE_REFORMATTED = "def extract(x):\n  return clean(x)\n";

    private static CodeSnapshot python(String source, Dep... deps) {
        return new CodeSnapshot("python", new Unit("extract", source), List.of(deps));
    }

    @Test
    void byteEqualSourceAndDepsAreIdentical() {
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, Dep.text("PROMPT", "Extract.")),
                python(STAGE, Dep.text("PROMPT", "Extract.")));
        assertEquals(Outcome.IDENTICAL, decision.outcome());
        assertTrue(decision.firstDifference().isEmpty());
    }

    @Test
    void reformattedSourceIsStructural() {
        assertEquals(Outcome.STRUCTURAL, OfflineTriage.decide(python(STAGE), python(STAGE_REFORMATTED)).outcome());
    }

    @Test
    void textDepComparedByteForByte() {
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, Dep.text("PROMPT", "Extract the ideas.")),
                python(STAGE, Dep.text("PROMPT", "Extract the ideas. ")));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
        assertEquals("PROMPT", decision.firstDifference().get().where());
    }

    @Test
    void codeDepComparedStructurally() {
        Dep old = Dep.code("clean", "python", "def clean(s):\n    return s.strip()\n");
        Dep reformatted = Dep.code("clean", "python", "def clean(s):\n    # trim\n    return (s.strip())\n");
        Dep changed = Dep.code("clean", "python", "def clean(s):\n    return s.lower()\n");
        assertEquals(Outcome.STRUCTURAL, OfflineTriage.decide(python(STAGE, old), python(STAGE, reformatted)).outcome());
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, old), python(STAGE, changed));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
        Difference difference = decision.firstDifference().get();
        assertEquals("clean", difference.where());
        assertEquals("name strip → lower", difference.description());
        assertEquals(2, difference.newLine());
    }

    @Test
    void addedRemovedOrRenamedDepIsNotProven() {
        Dep prompt = Dep.text("PROMPT", "p");
        assertEquals(Outcome.NOT_PROVEN, OfflineTriage.decide(python(STAGE), python(STAGE, prompt)).outcome());
        assertEquals(Outcome.NOT_PROVEN, OfflineTriage.decide(python(STAGE, prompt), python(STAGE)).outcome());
        assertEquals(Outcome.NOT_PROVEN, OfflineTriage.decide(python(STAGE, prompt),
                python(STAGE, Dep.text("PROMPT_V2", "p"))).outcome());
    }

    @Test
    void sourceDifferenceNamesSourceAndLines() {
        OfflineDecision decision = OfflineTriage.decide(python("def s(x):\n    return x > 0.5\n"),
                python("def s(x):\n    return x > 0.7\n"));
        assertEquals(new Difference(Difference.SOURCE, 2, 2, "number 0.5 → 0.7"), decision.firstDifference().get());
    }

    @Test
    void unknownLanguageIsNotProvenUnlessIdentical() {
        CodeSnapshot old = new CodeSnapshot("rust", new Unit("f", "fn f() {}"), List.of());
        CodeSnapshot neu = new CodeSnapshot("rust", new Unit("f", "fn f() { }"), List.of());
        assertEquals(Outcome.NOT_PROVEN, OfflineTriage.decide(old, neu).outcome());
        assertEquals(Outcome.IDENTICAL, OfflineTriage.decide(old, old).outcome());
    }

    @Test
    void javaSourceIsComparedWithJavaParser() {
        CodeSnapshot old = new CodeSnapshot("java", new Unit("f", "int f() { return 1; }"), List.of());
        CodeSnapshot neu = new CodeSnapshot("java", new Unit("f", "int f() {\n  return 1; // one\n}"), List.of());
        assertEquals(Outcome.STRUCTURAL, OfflineTriage.decide(old, neu).outcome());
    }
}
