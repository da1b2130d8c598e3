package dev.stalewatch.triage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a structural proof needed: nothing beyond setting comments and layout aside, or the named
 * rules, with the local names it renamed ("total → subtotal").
 */
public record Proof(Set<ProofRule> rules, List<String> renames) {

    private static final int RENAMES_SHOWN = 6;
    private static final Proof LAYOUT = new Proof(Set.of(), List.of());

    public Proof {
        rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
        renames = List.copyOf(renames);
    }

    /** Equal syntax trees once comments and layout are set aside. */
    public static Proof layoutOnly() {
        return LAYOUT;
    }

    /** Both proofs' rules and renames, e.g. for a source and a dep of one change. */
    public Proof and(Proof other) {
        if (other.rules.isEmpty() && other.renames.isEmpty()) {
            return this;
        }
        if (rules.isEmpty() && renames.isEmpty()) {
            return other;
        }
        EnumSet<ProofRule> union = EnumSet.noneOf(ProofRule.class);
        union.addAll(rules);
        union.addAll(other.rules);
        List<String> allRenames = new ArrayList<>(renames);
        other.renames.stream().filter(r -> !allRenames.contains(r)).forEach(allRenames::add);
        return new Proof(union, allRenames);
    }

    /** The same proof with each rename prefixed by where it happened (a dep's name). */
    public Proof in(String where) {
        if (renames.isEmpty()) {
            return this;
        }
        return new Proof(rules, renames.stream().map(r -> where + ": " + r).toList());
    }

    /** The verdict's reason, naming the rules, e.g. "only docstrings changed". */
    public String reason() {
        if (rules.isEmpty()) {
            return "only comments and layout changed: the syntax trees are the same once they are set aside";
        }
        List<String> changed = new ArrayList<>();
        for (ProofRule rule : EnumSet.copyOf(rules)) {
            if (rule != ProofRule.LOCAL_RENAMES) {
                changed.add(rule.noun());
            }
        }
        StringBuilder reason = new StringBuilder("only ");
        if (!changed.isEmpty()) {
            reason.append(String.join(" and ", changed)).append(" changed");
        }
        if (rules.contains(ProofRule.LOCAL_RENAMES)) {
            reason.append(changed.isEmpty() ? "local names renamed: " : ", and local names renamed: ");
            reason.append(String.join(", ", renames.subList(0, Math.min(RENAMES_SHOWN, renames.size()))));
            if (renames.size() > RENAMES_SHOWN) {
                reason.append(" and ").append(renames.size() - RENAMES_SHOWN).append(" more");
            }
        }
        return reason.toString();
    }
}
