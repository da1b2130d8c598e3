package dev.stalewatch.triage;

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

    /** How a reason names what the rule lets differ, e.g. "type annotations". */
    public String noun() {
        return noun;
    }
}
