package dev.stalewatch.triage.python;

import static dev.stalewatch.triage.python.PythonProofs.assertProven;

import org.junit.jupiter.api.Test;

/** Edits that leave CPython's AST unchanged and that the comparator proves. */
class PythonCosmeticTest {

    @Test
    void commentEditIsProven() {
        assertProven("def f(x):\n    # old note\n    return x + 1  # add one\n",
                "def f(x):\n    # a new, longer note\n    return x + 1\n");
    }

    @Test
    void reindentationFromFourToTwoSpacesIsProven() {
        assertProven("def f(xs):\n    for x in xs:\n        if x:\n            yield x\n",
                "def f(xs):\n  for x in xs:\n    if x:\n      yield x\n");
    }

    @Test
    void blackStyleLineSplitIsProven() {
        assertProven("result = call_model(prompt, model=MODEL, temperature=0.0, max_tokens=512)\n",
                "result = call_model(\n    prompt,\n    model=MODEL,\n    temperature=0.0,\n    max_tokens=512,\n)\n");
    }

    @Test
    void quoteStyleIsProven() {
        assertProven("x = 'it'\ny = \"a\\\"b\"\n", "x = \"it\"\ny = 'a\"b'\n");
    }

    @Test
    void tripleQuotedEqualValueIsProven() {
        assertProven("x = 'a\\nb'\n", "x = '''a\nb'''\n");
    }

    @Test
    void redundantParenthesesAreProven() {
        assertProven("if (x > 1):\n    return (x)\n", "if x > 1:\n    return x\n");
        assertProven("y = (a * b) + c\n", "y = a * b + c\n");
    }

    @Test
    void trailingCommasThatChangeNothingAreProven() {
        assertProven("f(a, b)\nx = [1, 2]\nd = {'k': 1}\ndef g(a, b): pass\nt = (1, 2)\n",
                "f(a, b,)\nx = [1, 2,]\nd = {'k': 1,}\ndef g(a, b,): pass\nt = (1, 2,)\n");
    }

    @Test
    void unicodePrefixIsProven() {
        assertProven("x = u'abc'\n", "x = 'abc'\n");
    }

    @Test
    void implicitConcatenationIsJoined() {
        assertProven("x = 'ab' 'cd'\n", "x = ('abcd')\n");
        assertProven("x = f'a{b}' 'c'\n", "x = 'a' f'{b}c'\n");
    }

    @Test
    void escapesAreDecoded() {
        assertProven("x = '\\x41\\u00e9\\N{BULLET}\\101'\n", "x = 'Aé•A'\n");
        assertProven("x = r'\\d+'\n", "x = '\\\\d+'\n");
    }

    @Test
    void numbersAreComparedByValue() {
        assertProven("x = 0XFF + 1_000 + 1E5\n", "x = 0xff + 1000 + 1e5\n");
    }

    @Test
    void lineJoinsAndBackslashContinuationsAreProven() {
        assertProven("x = a + \\\n    b\n", "x = a + b\n");
        assertProven("a = 1; b = 2\n", "a = 1\nb = 2\n");
    }

    @Test
    void bareAndParenthesizedTuplesInReturnAreProven() {
        assertProven("def f():\n    return a, b\n", "def f():\n    return (a, b)\n");
        assertProven("for (k, v) in d.items():\n    pass\n", "for k, v in d.items():\n    pass\n");
    }

    @Test
    void generatorArgumentParenthesesAreProven() {
        assertProven("s = sum(x for x in xs)\n", "s = sum((x for x in xs))\n");
    }
}
