package dev.stalewatch.triage.python;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triage.RuleSet;
import dev.stalewatch.triage.StructuralComparator;
import dev.stalewatch.triage.TreeDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Python: equal when tree-sitter trees are equal after dropping comments and layout, redundant
 * parentheses and trailing commas, and comparing literals by value; then, where the change's
 * rules allow, with docstrings and plain annotations dropped and local variables compared up to a
 * consistent renaming. Anything that does not parse or that the normalizer cannot decide is a
 * difference.
 */
public final class PythonStructuralComparator implements StructuralComparator {

    private final NormalizedTextCache cache;

    /** With a small cache of recently normalized texts (the old side repeats across changes). */
    public PythonStructuralComparator() {
        this(128);
    }

    /** @param cachedTexts how many normalized texts to remember; 0 parses every text every time */
    public PythonStructuralComparator(int cachedTexts) {
        this.cache = cachedTexts > 0 ? new NormalizedTextCache(cachedTexts) : null;
    }

    private NormalizedText normalize(String text) throws UnprovableException {
        return cache == null ? PythonParsing.normalize(text) : cache.normalize(text);
    }

    private static final RuleSet PYTHON_RULES = RuleSet.all().without(ProofRule.JAVADOC, "Python has no Javadoc");
    private static final String UNREADABLE = "a Python text of the change does not parse, so what it reads is unknown";

    @Override
    public RuleSet rules(List<String> oldTexts, List<String> newTexts) {
        List<PythonFacts> oldFacts = new ArrayList<>(oldTexts.size());
        List<PythonFacts> newFacts = new ArrayList<>(newTexts.size());
        try {
            for (String text : oldTexts) {
                oldFacts.add(normalize(text).facts());
            }
            for (String text : newTexts) {
                newFacts.add(normalize(text).facts());
            }
        } catch (UnprovableException e) {
            return RuleSet.none(UNREADABLE);
        }
        return rulesOf(oldFacts, newFacts);
    }

    private static RuleSet rulesOf(List<PythonFacts> oldFacts, List<PythonFacts> newFacts) {
        RuleSet rules = PYTHON_RULES;
        boolean oldFuture = false;
        boolean newFuture = false;
        for (List<PythonFacts> side : List.of(oldFacts, newFacts)) {
            for (PythonFacts facts : side) {
                if (facts.readsDocs != null) {
                    rules = rules.without(ProofRule.DOCSTRINGS, "the code reads docstrings (" + facts.readsDocs + ")");
                }
                if (facts.readsAnnotations != null) {
                    rules = rules.without(ProofRule.ANNOTATIONS,
                            "the code reads annotations (" + facts.readsAnnotations + ")");
                }
                if (facts.readsLocalNames != null) {
                    rules = rules.without(ProofRule.LOCAL_RENAMES,
                            "the code can see local names (" + facts.readsLocalNames + ")");
                }
                if (side == oldFacts) {
                    oldFuture |= facts.futureAnnotations;
                } else {
                    newFuture |= facts.futureAnnotations;
                }
            }
        }
        if (oldFuture != newFuture) {
            rules = rules.without(ProofRule.ANNOTATIONS, "'from __future__ import annotations' is in one version only");
        }
        return rules;
    }

    @Override
    public Comparison compare(String oldText, String newText, RuleSet rules) {
        return compare(oldText, newText, (old, neu) -> rules);
    }

    /** Two texts alone: each parsed once, for its facts and its tokens. */
    @Override
    public Comparison compare(String oldText, String newText) {
        return compare(oldText, newText, (old, neu) -> rulesOf(List.of(old.facts()), List.of(neu.facts())));
    }

    private Comparison compare(String oldText, String newText, BiFunction<NormalizedText, NormalizedText, RuleSet> rules) {
        NormalizedText old;
        NormalizedText neu;
        try {
            old = normalize(oldText);
        } catch (UnprovableException e) {
            return Comparison.differs(new TreeDifference(e.line(), 0, e.getMessage() + " (old version)"));
        }
        try {
            neu = normalize(newText);
        } catch (UnprovableException e) {
            return Comparison.differs(new TreeDifference(0, e.line(), e.getMessage() + " (new version)"));
        }
        return TokenComparison.compare(old, neu, rules.apply(old, neu));
    }
}
