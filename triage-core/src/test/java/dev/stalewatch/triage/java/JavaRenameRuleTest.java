package dev.stalewatch.triage.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.Proof;
import dev.stalewatch.triage.ProofRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Java's local renaming and Javadoc rules: what they prove, and what they must not. */
class JavaRenameRuleTest {

    private final JavaStructuralComparator comparator = new JavaStructuralComparator();

    private static final String SUM = """
            class Prices {
                double sum(java.util.List<Item> items) {
                    double total = 0;
                    for (Item item : items) {
                        total += item.price();
                    }
                    return total;
                }
            }
            """;

    private Proof proven(String old, String neu, ProofRule... rules) {
        Comparison comparison = comparator.compare(old, neu);
        assertTrue(comparison.proven(), () -> "expected a proof, got " + comparison);
        Proof proof = comparison.proof().orElseThrow();
        assertEquals(Set.of(rules), proof.rules(), proof::reason);
        return proof;
    }

    private String notProven(String old, String neu) {
        Comparison comparison = comparator.compare(old, neu);
        assertFalse(comparison.proven(), () -> "wrongly proven:\n--- old\n" + old + "\n--- new\n" + neu);
        return comparison.firstDifference().orElseThrow().description();
    }

    @Test
    void renamedLocalsAreProvenAndNamed() {
        Proof proof = proven(SUM, SUM.replace("total", "subtotal").replace("Item item", "Item it").replace("item.price", "it.price"),
                ProofRule.LOCAL_RENAMES);
        assertEquals(List.of("total → subtotal", "item → it"), proof.renames());
    }

    @Test
    void lambdaParametersCatchParametersAndResourcesAreRenamed() {
        String old = """
                class C {
                    int f(java.util.List<String> xs) {
                        xs.forEach(s -> System.out.println(s));
                        try (var in = open()) {
                            return in.read();
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """;
        String neu = old.replace("s -> System.out.println(s)", "line -> System.out.println(line)")
                .replace("var in = open()", "var input = open()").replace("in.read()", "input.read()")
                .replace("IOException e", "IOException failure").replace("(e)", "(failure)");
        proven(old, neu, ProofRule.LOCAL_RENAMES);
    }

    @Test
    void javadocOnlyEditIsNamed() {
        String old = "class C {\n  /** Adds. */\n  int f(int a) { return a + 1; }\n}\n";
        Proof proof = proven(old, old.replace("Adds.", "Adds one to a."), ProofRule.JAVADOC);
        assertEquals("only Javadoc changed", proof.reason());
    }

    @Test
    void methodParametersAreNotRenamed() {
        notProven("class C { int f(int total) { return total; } }", "class C { int f(int sum) { return sum; } }");
    }

    @Test
    void fieldsAreNotRenamed() {
        notProven("class C { int total; int f() { return total; } }", "class C { int sum; int f() { return sum; } }");
    }

    @Test
    void notProvenWhenTheNewNameShadowsAFieldUsedInTheMethod() {
        notProven("class C { int size; int f() { int n = 1; return n + size; } }",
                "class C { int size; int f() { int size = 1; return size + size; } }");
    }

    @Test
    void notProvenWhenTheNewNameIsAnInheritedFieldReadByItsSimpleName() {
        // base is not in the text: "limit" may be a field of the superclass
        notProven("class C extends Base { int f() { int n = 1; return n + limit; } }",
                "class C extends Base { int f() { int limit = 1; return limit + limit; } }");
    }

    @Test
    void notProvenWhenTheNewNameObscuresATypeUsedByItsSimpleName() {
        notProven("class C { int f() { int n = 1; return Math.max(n, 2); } }",
                "class C { int f() { int Math = 1; return Math.max(Math, 2); } }");
    }

    @Test
    void notProvenWhenAnAnonymousClassReadsTheLocal() {
        // inside the anonymous class an inherited field "total" would win over the local
        notProven("class C { Runnable f() { int total = 1; return new Task() { public void run() { use(total); } }; } }",
                "class C { Runnable f() { int sum = 1; return new Task() { public void run() { use(sum); } }; } }");
    }

    @Test
    void notProvenWhenTwoLocalsMerge() {
        notProven("class C { int f() { int a = 1; int b = 2; return a + b; } }",
                "class C { int f() { int a = 1; { } return a + a; } }");
        notProven("class C { int f(int x) { int a = x; int b = a; return a; } }",
                "class C { int f(int x) { int c = x; int b = c; return b; } }");
    }

    @Test
    void aNameUsedBeforeItsDeclarationIsAField() {
        notProven("class C { int x; int f() { int y = x; int x = 2; return x + y; } }",
                "class C { int x; int f() { int y = x; int z = 2; return z + y; } }");
    }

    @Test
    void patternVariablesAreNotRenamed() {
        notProven("class C { int f(Object o) { if (o instanceof String s) return s.length(); return 0; } }",
                "class C { int f(Object o) { if (o instanceof String t) return t.length(); return 0; } }");
    }

    @Test
    void aPlaceholderLikeNameInTheTextTurnsTheRuleOff() {
        notProven("class C { int sw$0; int f() { int a = 1; return sw$0; } }",
                "class C { int sw$0; int f() { int a = 1; return a; } }");
    }

    @Test
    void renameRuleLeavesTheCodeComparedAndReportsNamesAsWritten() {
        String description = notProven(SUM, SUM.replace("total", "subtotal").replace("= 0", "= 1"));
        assertTrue(description.contains("0 → 1") && !description.contains("sw$"), description);
    }

    @Test
    void switchArrowEntriesHaveScopesOfTheirOwn() {
        String old = """
                class C { int x; int f(int k) { switch (k) { case 1 -> { int y = 1; return y; } default -> { return x; } } } }
                """;
        proven(old, old.replace("int y = 1; return y;", "int z = 1; return z;"), ProofRule.LOCAL_RENAMES);
    }
}
