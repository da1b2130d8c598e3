package dev.stalewatch.triage.python;

import static dev.stalewatch.triage.python.PythonProofs.assertNotProven;
import static dev.stalewatch.triage.python.PythonProofs.assertProvenBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.ProofRule;
import org.junit.jupiter.api.Test;

/** The type annotation rule: what it proves, and each condition under which it must not. */
class PythonAnnotationRuleTest {

    private static final String PLAIN = "def score(item, weight=1.0, *rest, **options):\n"
            + "    total = item * weight\n    return total\n";
    private static final String TYPED = "def score(item: int, weight: float = 1.0, *rest: int, **options: str) -> float:\n"
            + "    total: Item = item * weight\n    return total\n";

    @Test
    void addedParameterReturnAndLocalAnnotationsAreProven() {
        assertProvenBy(PLAIN, TYPED, ProofRule.ANNOTATIONS);
        assertProvenBy(TYPED, PLAIN, ProofRule.ANNOTATIONS);
    }

    @Test
    void changedAnnotationsAreProvenWhenTheirNamesAreImportedBeforeTheDef() {
        assertProvenBy("from typing import List, Optional\ndef f(x: Optional[str]) -> List[int]:\n    return g(x)\n",
                "from typing import List, Optional\ndef f(x: str | None) -> list[int]:\n    return g(x)\n",
                ProofRule.ANNOTATIONS);
    }

    @Test
    void withTheFutureImportAnnotationsAreNeverEvaluatedSoAnyPlainOneGoes() {
        String future = "from __future__ import annotations\n";
        assertProvenBy(future + "def f(x: Frame) -> Result:\n    return g(x)\n", future + "def f(x):\n    return g(x)\n",
                ProofRule.ANNOTATIONS);
    }

    @Test
    void notProvenWhenAnAnnotationNamesWhatIsNotBoundWhenTheDefRuns() {
        // without the future import "Frame" is looked up when the def runs: NameError at import
        assertNotProven("def f(x):\n    return g(x)\n", "def f(x: Frame):\n    return g(x)\n");
        // the class is not bound while its body runs
        assertNotProven("class Node:\n    def add(self, other):\n        return other\n",
                "class Node:\n    def add(self, other: Node) -> Node:\n        return other\n");
        // an import under TYPE_CHECKING never runs
        String guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd\n";
        assertNotProven(guarded + "def f(s: 'pd.Series'):\n    return s\n", guarded + "def f(s: pd.Series):\n    return s\n");
    }

    @Test
    void notProvenForAnAnnotatedGlobal() {
        // "counter: int = ..." after "global counter" does not compile
        assertNotProven("def f():\n    global counter\n    counter = counter + 1\n",
                "def f():\n    global counter\n    counter: int = counter + 1\n");
    }

    @Test
    void notProvenForADefPassedAsAValue() {
        assertNotProven("import typer\ndef main(count: int = 1):\n    print(count)\ntyper.run(main)\n",
                "import typer\ndef main(count: str = 1):\n    print(count)\ntyper.run(main)\n");
        assertNotProven("def fmt_int(v: int):\n    return v\nfmt.register(fmt_int)\n",
                "def fmt_int(v: str):\n    return v\nfmt.register(fmt_int)\n");
    }

    @Test
    void annotatedAttributeAssignmentIsTheAssignment() {
        assertProvenBy("def f(self):\n    self.x: int = 0\n", "def f(self):\n    self.x = 0\n", ProofRule.ANNOTATIONS);
    }

    @Test
    void bareAnnotationOfANameAssignedLaterIsNothing() {
        assertProvenBy("def f(a):\n    x: int\n    x = a + 1\n    return x\n", "def f(a):\n    x = a + 1\n    return x\n",
                ProofRule.ANNOTATIONS);
    }

    @Test
    void methodsOfAnUndecoratedClassAreProven() {
        assertProvenBy("class C:\n    def f(self, x):\n        return x\n",
                "class C:\n    def f(self, x: int) -> int:\n        return x\n", ProofRule.ANNOTATIONS);
    }

    @Test
    void notProvenInAClassBody() {
        assertNotProven("class Row:\n    x: int = 0\n", "class Row:\n    x: float = 0\n");
        assertNotProven("class Row:\n    x: int\n", "class Row:\n    pass\n");
    }

    @Test
    void notProvenOnADecoratedFunction() {
        assertNotProven("@validate_call\ndef f(x: int):\n    return x\n", "@validate_call\ndef f(x: str):\n    return x\n");
    }

    @Test
    void notProvenOnAMethodOfADecoratedClass() {
        assertNotProven("@dataclass\nclass C:\n    def f(self, x: int):\n        return x\n",
                "@dataclass\nclass C:\n    def f(self, x: str):\n        return x\n");
    }

    @Test
    void notProvenAtModuleLevel() {
        assertNotProven("LIMIT: int = 3\n", "LIMIT: float = 3\n");
    }

    @Test
    void notProvenWhenTheFutureImportDiffers() {
        var difference = assertNotProven("def f(x: int):\n    return x\n",
                "from __future__ import annotations\ndef f(x: str):\n    return x\n");
        assertTrue(difference.description().length() > 0);
    }

    @Test
    void futureImportAloneLeavesAnnotationEditsInADepOffWhenItDiffers() {
        var comparator = new PythonStructuralComparator();
        var rules = comparator.rules(java.util.List.of("def f(x: int):\n    return x\n"),
                java.util.List.of("from __future__ import annotations\n"));
        assertTrue(!rules.allows(ProofRule.ANNOTATIONS), rules::toString);
    }

    @Test
    void notProvenWhenTheCodeReadsDunderAnnotations() {
        String old = "def f(x: int, g):\n    return g.__annotations__\n";
        var difference = assertNotProven(old, old.replace("x: int", "x: str"));
        assertTrue(difference.description().contains("the type annotations rule is off: the code reads annotations (__annotations__)"),
                difference::description);
    }

    @Test
    void notProvenWhenGetTypeHintsIsUsed() {
        String old = "from typing import get_type_hints\ndef f(x: int):\n    return get_type_hints(f)\n";
        assertNotProven(old, old.replace("x: int", "x: str"));
    }

    @Test
    void notProvenWhenInspectSignatureIsUsed() {
        String old = "import inspect\ndef f(x: int):\n    return inspect.signature(f)\n";
        assertNotProven(old, old.replace("x: int", "x: str"));
    }

    @Test
    void notProvenWhenTypingGetArgsIsUsed() {
        String old = "import typing\ndef f(x: list[int]):\n    return typing.get_args(x)\n";
        assertNotProven(old, old.replace("list[int]", "list[str]"));
    }

    @Test
    void bareAnnotationOfAnOtherwiseUnboundNameIsKept() {
        // "x: int" makes x local: without it, x would be the global x
        assertNotProven("def f():\n    x: int\n    return x\n", "def f():\n    return x\n");
    }

    @Test
    void bareAnnotationOfAnAttributeIsKept() {
        // evaluates self even without a value
        assertNotProven("def f(self):\n    self.x: int\n", "def f(self):\n    pass\n");
    }

    @Test
    void annotationThatIsNotAPlainTypeExpressionIsCompared() {
        assertNotProven("def f(x: make_type()):\n    return x\n", "def f(x: int):\n    return x\n");
        assertNotProven("def f(x) -> (lambda: 1):\n    return x\n", "def f(x):\n    return x\n");
    }

    @Test
    void defaultValuesStayCompared() {
        assertNotProven("def f(x: int = 1):\n    return x\n", "def f(x: int = 2):\n    return x\n");
    }
}
