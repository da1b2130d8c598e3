package dev.stalewatch.triage;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A named rule of the second tier of structural proofs: what may differ between two versions
 * besides comments and layout, when the rule's conditions hold for the whole change.
 */
public enum ProofRule {
    /** Python docstrings of modules, classes and functions changed, added or removed. */
    DOCSTRINGS("docstrings"),
    /** Java documentation comments; they never reach the compiled code. */
    JAVADOC("Javadoc"),
    /** Python parameter, return and local variable annotations. */
    ANNOTATIONS("type annotations"),
    /** Local variables (and Java lambda parameters) consistently renamed. */
    LOCAL_RENAMES("local names");

    private final String noun;

    ProofRule(String noun) {
        this.noun = noun;
    }

    /** The rules named in a comma-separated list ("docstrings, local-renames"; case and - or _ do not matter). */
    public static Set<ProofRule> parseList(String list) {
        Set<ProofRule> rules = EnumSet.noneOf(ProofRule.class);
        for (String item : list.split(",")) {
            String name = item.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty() || name.equals("NONE")) {
                continue;
            }
            try {
                rules.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown proof rule '" + item.strip() + "': docstrings, javadoc, "
                        + "annotations or local-renames (or none)");
            }
        }
        return rules;
    }

    /** How a reason names what the rule lets differ, e.g. "type annotations". */
    public String noun() {
        return noun;
    }
}
