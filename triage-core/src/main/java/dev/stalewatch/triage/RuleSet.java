package dev.stalewatch.triage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which proof rules one change may use, and for each rule that is off, why (e.g. "the code reads
 * __doc__"). Computed from every text of the change, both versions, deps included: a helper that
 * reads {@code __doc__} makes docstrings part of the stage's behaviour.
 */
public final class RuleSet {

    private static final RuleSet ALL = new RuleSet(new EnumMap<>(ProofRule.class));

    private final Map<ProofRule, String> blocked;

    private RuleSet(EnumMap<ProofRule, String> blocked) {
        this.blocked = Collections.unmodifiableMap(blocked);
    }

    /** Every rule on. */
    public static RuleSet all() {
        return ALL;
    }

    /** The first tier alone: proven only when the syntax trees are equal. */
    public static RuleSet equalTreesOnly() {
        return none("only equal syntax trees are asked for");
    }

    /** Every rule off, for the same reason (a text whose uses cannot be read). */
    public static RuleSet none(String why) {
        RuleSet rules = ALL;
        for (ProofRule rule : ProofRule.values()) {
            rules = rules.without(rule, why);
        }
        return rules;
    }

    /** This set with {@code rule} off; the first reason given for a rule is kept. */
    public RuleSet without(ProofRule rule, String why) {
        if (blocked.containsKey(rule)) {
            return this;
        }
        EnumMap<ProofRule, String> more = blocked.isEmpty() ? new EnumMap<>(ProofRule.class) : new EnumMap<>(blocked);
        more.put(rule, why);
        return new RuleSet(more);
    }

    /** Off when off in either set. */
    public RuleSet and(RuleSet other) {
        RuleSet result = this;
        for (Map.Entry<ProofRule, String> entry : other.blocked.entrySet()) {
            result = result.without(entry.getKey(), entry.getValue());
        }
        return result;
    }

    public boolean allows(ProofRule rule) {
        return !blocked.containsKey(rule);
    }

    /** Why {@code rule} is off; empty when it is on. */
    public Optional<String> whyNot(ProofRule rule) {
        return Optional.ofNullable(blocked.get(rule));
    }

    @Override
    public String toString() {
        return blocked.isEmpty() ? "all rules" : "off: " + blocked;
    }
}
