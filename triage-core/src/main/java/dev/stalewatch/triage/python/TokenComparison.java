package dev.stalewatch.triage.python;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.Proof;
import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triage.RuleSet;
import dev.stalewatch.triage.TreeDifference;
import dev.stalewatch.triage.python.NormalToken.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two normalized trees: tokens a rule owns are skipped when the rule is on, and a
 * renameable variable matches by its number rather than its name when renames are on. Says in
 * words what differs first, and what a proof needed.
 */
final class TokenComparison {

    private TokenComparison() {}

    /**
     * Proven when some combination of the allowed rules makes the trees equal. All of them at once is
     * tried first; when that fails and renames were on, once more without renames: a docstring that
     * adds a variable's name as a word keeps that variable as written in one version only, which
     * compares unequal by number though the name never changed.
     */
    static Comparison compare(NormalizedText oldText, NormalizedText newText, RuleSet rules) {
        Comparison all = compare(oldText, newText, rules, rules.allows(ProofRule.LOCAL_RENAMES));
        if (all.proven() || !rules.allows(ProofRule.LOCAL_RENAMES)) {
            return all;
        }
        Comparison withoutRenames = compare(oldText, newText, rules, false);
        return withoutRenames.proven() ? withoutRenames : all;
    }

    private static Comparison compare(NormalizedText oldText, NormalizedText newText, RuleSet rules, boolean byNumber) {
        List<NormalToken> old = oldText.tokens();
        List<NormalToken> neu = newText.tokens();
        boolean dropDocstrings = rules.allows(ProofRule.DOCSTRINGS);
        boolean dropAnnotations = rules.allows(ProofRule.ANNOTATIONS);
        List<String> renames = new ArrayList<>();
        BitSet renamed = new BitSet();
        int i = 0;
        int j = 0;
        while (true) {
            i = skipDropped(old, i, dropDocstrings, dropAnnotations);
            j = skipDropped(neu, j, dropDocstrings, dropAnnotations);
            if (i == old.size() || j == neu.size()) {
                break;
            }
            NormalToken a = old.get(i);
            NormalToken b = neu.get(j);
            int number = byNumber ? oldText.variableNumber(a) : -1;
            if (!matches(a, b, number, byNumber ? newText.variableNumber(b) : -1, byNumber)) {
                return Comparison.differs(new TreeDifference(a.line(), b.line(), describe(a, b) + whyRuleOff(a, b, rules)));
            }
            if (number >= 0 && !a.display().equals(b.display()) && !renamed.get(number)) {
                renamed.set(number);
                renames.add(a.display() + " → " + b.display());
            }
            i++;
            j++;
        }
        if (i < old.size() || j < neu.size()) {
            NormalToken last = i < old.size() ? old.get(i) : neu.get(j);
            int oldLine = i < old.size() ? old.get(i).line() : lastLine(old);
            int newLine = j < neu.size() ? neu.get(j).line() : lastLine(neu);
            return Comparison.differs(new TreeDifference(oldLine, newLine,
                    (i < old.size() ? "code removed at the end" : "code added at the end")
                            + whyRuleOff(last, last, rules)));
        }
        Set<ProofRule> needed = EnumSet.noneOf(ProofRule.class);
        if (dropDocstrings && !owned(old, ProofRule.DOCSTRINGS).equals(owned(neu, ProofRule.DOCSTRINGS))) {
            needed.add(ProofRule.DOCSTRINGS);
        }
        if (dropAnnotations && !owned(old, ProofRule.ANNOTATIONS).equals(owned(neu, ProofRule.ANNOTATIONS))) {
            needed.add(ProofRule.ANNOTATIONS);
        }
        if (!renames.isEmpty()) {
            needed.add(ProofRule.LOCAL_RENAMES);
        }
        return Comparison.proven(needed.isEmpty() ? Proof.layoutOnly() : new Proof(needed, renames));
    }

    private static int skipDropped(List<NormalToken> tokens, int from, boolean docstrings, boolean annotations) {
        int i = from;
        while (i < tokens.size()) {
            ProofRule owner = tokens.get(i).rule();
            if (owner == null || !((owner == ProofRule.DOCSTRINGS && docstrings) || (owner == ProofRule.ANNOTATIONS && annotations))) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static boolean matches(NormalToken a, NormalToken b, int numberA, int numberB, boolean byNumber) {
        if (byNumber && (numberA >= 0 || numberB >= 0)) {
            return a.kind() == b.kind() && numberA == numberB;
        }
        return a.sameAs(b);
    }

    /** The keys of the tokens a rule owns, in order: what the rule let differ. */
    private static List<String> owned(List<NormalToken> tokens, ProofRule rule) {
        List<String> keys = new ArrayList<>();
        for (NormalToken token : tokens) {
            if (token.rule() == rule) {
                keys.add(token.kind() + token.key());
            }
        }
        return keys;
    }

    /** When the difference lies in what an off rule would have let differ, says why it is off. */
    private static String whyRuleOff(NormalToken a, NormalToken b, RuleSet rules) {
        for (ProofRule rule : new ProofRule[] {a.rule(), b.rule()}) {
            if (rule != null && !rules.allows(rule)) {
                return " (the " + rule.noun() + " rule is off: " + rules.whyNot(rule).orElse("") + ")";
            }
        }
        if (a.kind() == Kind.LEAF && b.kind() == Kind.LEAF && a.key().startsWith("identifier:")
                && b.key().startsWith("identifier:") && !rules.allows(ProofRule.LOCAL_RENAMES)) {
            return " (the local names rule is off: " + rules.whyNot(ProofRule.LOCAL_RENAMES).orElse("") + ")";
        }
        return "";
    }

    private static int lastLine(List<NormalToken> tokens) {
        return tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
    }

    static Optional<TreeDifference> firstDifference(List<NormalToken> old, List<NormalToken> neu) {
        int common = Math.min(old.size(), neu.size());
        for (int i = 0; i < common; i++) {
            NormalToken a = old.get(i);
            NormalToken b = neu.get(i);
            if (!a.sameAs(b)) {
                return Optional.of(new TreeDifference(a.line(), b.line(), describe(a, b)));
            }
        }
        if (old.size() == neu.size()) {
            return Optional.empty();
        }
        int oldLine = old.isEmpty() ? 1 : old.get(Math.min(common, old.size() - 1)).line();
        int newLine = neu.isEmpty() ? 1 : neu.get(Math.min(common, neu.size() - 1)).line();
        return Optional.of(new TreeDifference(oldLine, newLine,
                old.size() > neu.size() ? "code removed at the end" : "code added at the end"));
    }

    static String describe(NormalToken a, NormalToken b) {
        if (isDecorated(a) != isDecorated(b) || isDecorator(a) != isDecorator(b)) {
            return isDecorated(b) || isDecorator(b) ? "decorator added" : "decorator removed";
        }
        if (a.kind() == b.kind()) {
            switch (a.kind()) {
                case NUMBER:
                    return "number " + a.display() + " → " + b.display();
                case STRING, BYTES, FSTRING_TEXT:
                    return "string literal value changed";
                case RAW_TEXT:
                    return "f-string text changed";
                case KEYWORD:
                    return "operator or keyword '" + a.display() + "' → '" + b.display() + "'";
                case LEAF:
                    return leafChange(a, b);
                case OPEN:
                    return "'" + a.display() + "' replaced by '" + b.display() + "'";
                default:
                    break;
            }
        }
        if (a.kind() == Kind.SIGNIFICANT_COMMA || b.kind() == Kind.SIGNIFICANT_COMMA) {
            return a.kind() == Kind.SIGNIFICANT_COMMA ? "meaningful trailing comma removed" : "meaningful trailing comma added";
        }
        if (isLiteral(a) && isLiteral(b)) {
            return "literal changed: " + shorten(a.display()) + " → " + shorten(b.display());
        }
        if (a.kind() == Kind.CLOSE) {
            return "code added: " + shorten(b.display());
        }
        if (b.kind() == Kind.CLOSE) {
            return "code removed: " + shorten(a.display());
        }
        return "structure differs: " + shorten(a.display()) + " → " + shorten(b.display());
    }

    private static String leafChange(NormalToken a, NormalToken b) {
        String typeA = a.key().substring(0, a.key().indexOf(':'));
        String typeB = b.key().substring(0, b.key().indexOf(':'));
        if (typeA.equals("identifier") && typeB.equals("identifier")) {
            return "name " + a.display() + " → " + b.display();
        }
        return shorten(a.display()) + " → " + shorten(b.display());
    }

    private static boolean isDecorator(NormalToken token) {
        return token.kind() == Kind.OPEN && token.key().equals("decorator");
    }

    private static boolean isDecorated(NormalToken token) {
        return token.kind() == Kind.OPEN && token.key().equals("decorated_definition");
    }

    private static boolean isLiteral(NormalToken token) {
        return switch (token.kind()) {
            case NUMBER, STRING, BYTES, FSTRING_TEXT, RAW_TEXT -> true;
            default -> false;
        };
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", "⏎");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
