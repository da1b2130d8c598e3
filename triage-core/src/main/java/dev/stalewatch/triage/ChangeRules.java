package dev.stalewatch.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The proof rules of one change, per language: each language's comparator judges them from all
 * the change's texts in that language, old and new, source and code deps alike.
 */
final class ChangeRules {

    private ChangeRules() {}

    static Map<String, RuleSet> byLanguage(CodeSnapshot old, CodeSnapshot neu, Set<ProofRule> enabled) {
        RuleSet turnedOff = RuleSet.all();
        for (ProofRule rule : ProofRule.values()) {
            if (!enabled.contains(rule)) {
                turnedOff = turnedOff.without(rule, "turned off by configuration");
            }
        }
        RuleSet configured = turnedOff;
        Map<String, List<String>> oldTexts = textsByLanguage(old);
        Map<String, List<String>> newTexts = textsByLanguage(neu);
        Map<String, RuleSet> rules = new HashMap<>();
        for (String language : oldTexts.keySet()) {
            Optional<StructuralComparator> comparator = StructuralComparators.forLanguage(language);
            comparator.ifPresent(c -> rules.put(language,
                    c.rules(oldTexts.get(language), newTexts.getOrDefault(language, List.of())).and(configured)));
        }
        return rules;
    }

    private static Map<String, List<String>> textsByLanguage(CodeSnapshot snapshot) {
        Map<String, List<String>> texts = new HashMap<>();
        add(texts, snapshot.language(), snapshot.source().text());
        for (Dep dep : snapshot.deps()) {
            if (dep.kind() == DepKind.CODE && dep.language() != null) {
                add(texts, dep.language(), dep.text());
            }
        }
        return texts;
    }

    private static void add(Map<String, List<String>> texts, String language, String text) {
        texts.computeIfAbsent(StructuralComparators.key(language), k -> new ArrayList<>()).add(text);
    }
}
