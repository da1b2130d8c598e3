package dev.stalewatch.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules across a whole change: judged from every text, reported in the reason. */
class OfflineTriageRulesTest {

    private static final String STAGE = "def extract(x):\n    \"\"\"Pull ideas.\"\"\"\n    return clean(x)\n";
    private static final String STAGE_REDOCUMENTED = STAGE.replace("Pull ideas.", "Pulls the ideas out of x.");

    private static CodeSnapshot python(String source, Dep... deps) {
        return new CodeSnapshot("python", new Unit("extract", source), List.of(deps));
    }

    @Test
    void docstringOnlyEditIsStructuralAndSaysSo() {
        OfflineDecision decision = OfflineTriage.decide(python(STAGE), python(STAGE_REDOCUMENTED));
        assertEquals(Outcome.STRUCTURAL, decision.outcome());
        assertEquals("only docstrings changed", decision.reason().orElseThrow());
    }

    @Test
    void anUnchangedDepThatReadsDocstringsTurnsTheRuleOff() {
        Dep reader = Dep.code("describe", "python", "def describe(stage):\n    return stage.__doc__\n");
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, reader), python(STAGE_REDOCUMENTED, reader));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
        assertTrue(decision.firstDifference().orElseThrow().description().contains("reads docstrings (__doc__)"),
                () -> decision.firstDifference().toString());
    }

    @Test
    void aDepThatSeesLocalNamesTurnsRenamesOffForTheSourceToo() {
        String stage = "def extract(x):\n    total = clean(x)\n    return total\n";
        Dep frames = Dep.code("trace", "python", "import sys\ndef trace():\n    return sys._getframe(1).f_locals\n");
        OfflineDecision decision = OfflineTriage.decide(python(stage, frames),
                python(stage.replace("total", "cleaned"), frames));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
    }

    @Test
    void rulesOfSourceAndDepsAddUpAndDepRenamesNameTheirDep() {
        Dep oldHelper = Dep.code("helpers.clean", "python", "def clean(x):\n    s = x.strip()\n    return s\n");
        Dep newHelper = Dep.code("helpers.clean", "python", "def clean(x):\n    stripped = x.strip()\n    return stripped\n");
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, oldHelper), python(STAGE_REDOCUMENTED, newHelper));
        assertEquals(Outcome.STRUCTURAL, decision.outcome());
        assertEquals("only docstrings changed, and local names renamed: helpers.clean: s → stripped",
                decision.reason().orElseThrow());
    }

    @Test
    void layoutOnlyEditKeepsTheFirstTierReason() {
        OfflineDecision decision = OfflineTriage.decide(python(STAGE), python(STAGE.replace("    return", "    return ")));
        assertEquals("only comments and layout changed: the syntax trees are the same once they are set aside",
                decision.reason().orElseThrow());
    }

    @Test
    void aRuleTurnedOffByConfigurationProvesNothingAndSaysSo() {
        OfflineDecision decision = OfflineTriage.decide(python(STAGE), python(STAGE_REDOCUMENTED),
                ProofRule.parseList("annotations, local-renames"));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
        assertTrue(decision.firstDifference().orElseThrow().description().contains("turned off by configuration"),
                () -> decision.firstDifference().toString());
        assertEquals(Outcome.STRUCTURAL, OfflineTriage.decide(python(STAGE), python(STAGE_REDOCUMENTED),
                ProofRule.parseList("Docstrings")).outcome());
        assertEquals(Set.of(), ProofRule.parseList("none"));
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> ProofRule.parseList("docstrings,comments"));
        assertTrue(unknown.getMessage().contains("unknown proof rule 'comments'"), unknown::getMessage);
    }

    @Test
    void aDepThatDoesNotParseTurnsEveryRuleOff() {
        Dep broken = Dep.code("legacy", "python", "def legacy(:\n");
        OfflineDecision decision = OfflineTriage.decide(python(STAGE, broken), python(STAGE_REDOCUMENTED, broken));
        assertEquals(Outcome.NOT_PROVEN, decision.outcome());
    }
}
