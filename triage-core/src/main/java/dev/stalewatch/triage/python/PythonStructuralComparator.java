package dev.stalewatch.triage.python;

import dev.stalewatch.triage.StructuralComparator;
import dev.stalewatch.triage.TreeDifference;
import java.util.List;
import java.util.Optional;

/**
 * Python: equal when tree-sitter trees are equal after dropping comments and layout, redundant
 * parentheses and trailing commas, and comparing literals by value. Anything that does not parse
 * or that the normalizer cannot decide is a difference.
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

    private List<NormalToken> normalize(String text) throws UnprovableException {
        return cache == null ? PythonParsing.normalizedTokens(text) : cache.normalizedTokens(text);
    }

    @Override
    public Optional<TreeDifference> firstDifference(String oldText, String newText) {
        List<NormalToken> old;
        List<NormalToken> neu;
        try {
            old = normalize(oldText);
        } catch (UnprovableException e) {
            return Optional.of(new TreeDifference(e.line(), 0, e.getMessage() + " (old version)"));
        }
        try {
            neu = normalize(newText);
        } catch (UnprovableException e) {
            return Optional.of(new TreeDifference(0, e.line(), e.getMessage() + " (new version)"));
        }
        return TokenComparison.firstDifference(old, neu);
    }
}
