package dev.stalewatch.triage.python;

import static dev.stalewatch.triage.python.PythonProofs.assertNotProven;
import static dev.stalewatch.triage.python.PythonProofs.assertProvenBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.ProofRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local renaming rule: what it proves, and each condition under which it must not. */
class PythonRenameRuleTest {

    private static final String SUM = "def add_up(items):\n    total = 0\n    for item in items:\n"
            + "        total += item.price\n    return total\n";

    @Test
    void renamedLocalIsProvenAndNamed() {
        var proof = assertProvenBy(SUM, SUM.replace("total", "subtotal"), ProofRule.LOCAL_RENAMES);
        assertEquals(List.of("total → subtotal"), proof.renames());
        assertEquals("only local names renamed: total → subtotal", proof.reason());
    }

    @Test
    void swappedNamesAreABijection() {
        assertProvenBy("def f(x):\n    a = x\n    b = x * 2\n    return a - b\n",
                "def f(x):\n    b = x\n    a = x * 2\n    return b - a\n", ProofRule.LOCAL_RENAMES);
    }

    @Test
    void loopComprehensionExceptWithAndWalrusTargetsAreLocals() {
        String old = "def f(xs):\n    out = [v * 2 for v in xs]\n    for i, v in enumerate(xs):\n        pass\n"
                + "    try:\n        g()\n    except E as err:\n        log(err)\n    with open(p) as fh:\n"
                + "        data = fh.read()\n    if (n := len(data)) > 3:\n        return n, out, i\n";
        String neu = old.replace("v * 2 for v", "w * 2 for w").replace("for i, v", "for index, value")
                .replace("return n, out, i", "return count, result, index").replace("out =", "result =")
                .replace("err", "error").replace("fh", "handle").replace("(n :=", "(count :=");
        var proof = assertProvenBy(old, neu, ProofRule.LOCAL_RENAMES);
        assertTrue(proof.renames().contains("fh → handle"), proof::reason);
    }

    @Test
    void closureRenamedConsistentlyIsProven() {
        assertProvenBy("def f(xs):\n    scale = 2\n    def g(x):\n        return x * scale\n    return [g(x) for x in xs]\n",
                "def f(xs):\n    factor = 2\n    def g(x):\n        return x * factor\n    return [g(x) for x in xs]\n",
                ProofRule.LOCAL_RENAMES);
        assertProvenBy("def f(xs):\n    k = 2\n    return list(map(lambda x: x * k, xs))\n",
                "def f(xs):\n    m = 2\n    return list(map(lambda x: x * m, xs))\n", ProofRule.LOCAL_RENAMES);
    }

    @Test
    void notProvenForAParameter() {
        assertNotProven("def f(total):\n    return total\n", "def f(subtotal):\n    return subtotal\n");
        assertNotProven("def f(xs):\n    return map(lambda v: v, xs)\n", "def f(xs):\n    return map(lambda w: w, xs)\n");
    }

    @Test
    void notProvenForAGlobalName() {
        assertNotProven("def f():\n    global total\n    total = 1\n", "def f():\n    global subtotal\n    subtotal = 1\n");
    }

    @Test
    void notProvenForANonlocalName() {
        assertNotProven("def f():\n    total = 0\n    def g():\n        nonlocal total\n        total = 1\n    g()\n    return total\n",
                "def f():\n    sub = 0\n    def g():\n        nonlocal sub\n        sub = 1\n    g()\n    return sub\n");
    }

    @Test
    void notProvenForADefName() {
        assertNotProven("def f():\n    def helper():\n        return 1\n    return helper()\n",
                "def f():\n    def aid():\n        return 1\n    return aid()\n");
    }

    @Test
    void notProvenWithLocals() {
        String old = SUM.replace("return total", "return locals()");
        var difference = assertNotProven(old, old.replace("total", "subtotal"));
        assertTrue(difference.description().contains("the local names rule is off: the code can see local names (locals())"),
                difference::description);
    }

    @Test
    void notProvenWithVarsOrDirWithoutArguments() {
        String vars = SUM.replace("return total", "return vars()");
        assertNotProven(vars, vars.replace("total", "subtotal"));
        String dir = SUM.replace("return total", "return dir()");
        assertNotProven(dir, dir.replace("total", "subtotal"));
    }

    @Test
    void varsWithAnArgumentDoesNotSeeLocals() {
        String old = SUM.replace("return total", "return total, vars(items)");
        assertProvenBy(old, old.replace("total", "subtotal"), ProofRule.LOCAL_RENAMES);
    }

    @Test
    void notProvenWithEval() {
        String old = SUM.replace("return total", "return eval('total')");
        assertNotProven(old, old.replace("total =", "subtotal =").replace("total +=", "subtotal +="));
    }

    @Test
    void notProvenWithExec() {
        String old = SUM.replace("return total", "exec('print(total)')\n    return total");
        assertNotProven(old, old.replace("total", "subtotal"));
    }

    @Test
    void notProvenWithSysGetframe() {
        String old = SUM.replace("return total", "report(sys._getframe())\n    return total");
        assertNotProven(old, old.replace("total", "subtotal"));
    }

    @Test
    void notProvenWithAnFStringEqualsSpecifier() {
        String old = SUM.replace("return total", "print(f'{total=}')\n    return total");
        assertNotProven(old, old.replace("total", "subtotal"));
    }

    @Test
    void notProvenWhenTheNewNameShadowsABuiltinUsedInTheFunction() {
        assertNotProven("def f(xs):\n    n = 0\n    n += len(xs)\n    return n\n",
                "def f(xs):\n    len = 0\n    len += len(xs)\n    return len\n");
    }

    @Test
    void notProvenWhenTheNewNameShadowsAnImportOrGlobalUsedInTheFunction() {
        assertNotProven("import math\ndef f(x):\n    y = math.floor(x)\n    return y\n",
                "import math\ndef f(x):\n    math = math.floor(x)\n    return math\n");
        assertNotProven("def f(x):\n    y = x + LIMIT\n    return y\n", "def f(x):\n    LIMIT = x + LIMIT\n    return LIMIT\n");
    }

    @Test
    void notProvenWhenTheNewNameCapturesAGlobalReadByANestedFunction() {
        assertNotProven("def f(x):\n    y = x\n    def g():\n        return scale\n    return y * g()\n",
                "def f(x):\n    scale = x\n    def g():\n        return scale\n    return scale * g()\n");
    }

    @Test
    void notProvenWhenTwoVariablesMerge() {
        assertNotProven("def f(x):\n    a = x\n    b = 2\n    return a + b\n", "def f(x):\n    a = x\n    a = 2\n    return a + a\n");
    }

    @Test
    void notProvenWhenOneUseIsMissed() {
        assertNotProven("def f(x):\n    a = x\n    b = a\n    return a\n", "def f(x):\n    c = x\n    b = c\n    return a\n");
    }

    @Test
    void notProvenForAnAttributeOrAKeyword() {
        assertNotProven("def f(o):\n    return o.total\n", "def f(o):\n    return o.subtotal\n");
        assertNotProven("def f(o):\n    return g(total=o)\n", "def f(o):\n    return g(subtotal=o)\n");
    }

    @Test
    void notProvenWhenAClassBodyReadsTheVariable() {
        assertNotProven("def f():\n    size = 3\n    class C:\n        n = size\n    return C\n",
                "def f():\n    width = 3\n    class C:\n        n = width\n    return C\n");
    }

    @Test
    void notProvenForAMatchCapture() {
        assertNotProven("def f(v):\n    match v:\n        case [first, *rest]:\n            return first\n",
                "def f(v):\n    match v:\n        case [head, *rest]:\n            return head\n");
    }

    @Test
    void notProvenForModuleLevelNames() {
        assertNotProven("total = 0\nprint(total)\n", "subtotal = 0\nprint(subtotal)\n");
    }

    @Test
    void renameRuleLeavesTheCodeCompared() {
        var difference = assertNotProven(SUM, SUM.replace("total", "subtotal").replace("= 0", "= 1"));
        assertEquals("number 0 → 1", difference.description());
    }
}
