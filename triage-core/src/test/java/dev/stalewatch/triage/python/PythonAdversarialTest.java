package dev.stalewatch.triage.python;

import static dev.stalewatch.triage.python.PythonProofs.assertNotProven;
import static dev.stalewatch.triage.python.PythonProofs.assertNotProvenByEqualTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.TreeDifference;
import org.junit.jupiter.api.Test;

/** Changes whose syntax trees differ: each must come out not proven. */
class PythonAdversarialTest {

    @Test
    void statementMovedOutOfBlockByIndentationIsNotProven() {
        TreeDifference difference = assertNotProven(
                "def f(items):\n    for x in items:\n        log(x)\n        total = x\n    return total\n",
                "def f(items):\n    for x in items:\n        log(x)\n    total = x\n    return total\n");
        assertEquals(4, difference.oldLine());
    }

    @Test
    void statementMovedIntoIfBlockByIndentationIsNotProven() {
        assertNotProven(
                "if ready:\n    start()\nnotify()\n",
                "if ready:\n    start()\n    notify()\n");
    }

    @Test
    void whitespaceInsideStringLiteralIsNotProven() {
        TreeDifference difference = assertNotProven(
                "PROMPT = 'Extract the ideas'\n",
                "PROMPT = 'Extract  the ideas'\n");
        assertEquals("string literal value changed", difference.description());
    }

    @Test
    void trailingWhitespaceInsideTripleQuotedStringIsNotProven() {
        assertNotProven("P = '''a\nb'''\n", "P = '''a \nb'''\n");
    }

    @Test
    void hashInsideStringIsNotTreatedAsComment() {
        assertNotProven("s = 'a # b'\n", "s = 'a # c'\n");
    }

    @Test
    void textAfterHashInsideStringRemovedIsNotProven() {
        assertNotProven("s = 'color: #fff'\n", "s = 'color: '\n");
    }

    @Test
    void rawNewlineVersusEscapedNewlineIsNotProven() {
        assertNotProven("sep = r'\\n'\n", "sep = '\\n'\n");
    }

    @Test
    void docstringEditIsNotProvenByEqualTreesAlone() {
        assertNotProvenByEqualTrees(
                "def f():\n    \"\"\"Score an item.\"\"\"\n    return 1\n",
                "def f():\n    \"\"\"Score one item.\"\"\"\n    return 1\n");
    }

    @Test
    void changedNumberIsNotProven() {
        TreeDifference difference = assertNotProven("def s(x):\n    return x > 0.5\n", "def s(x):\n    return x > 0.7\n");
        assertEquals("number 0.5 → 0.7", difference.description());
        assertEquals(2, difference.newLine());
    }

    @Test
    void changedOperatorIsNotProven() {
        assertNotProven("y = a + b\n", "y = a - b\n");
        assertNotProven("ok = x >= 1\n", "ok = x > 1\n");
    }

    @Test
    void changedNameIsNotProven() {
        TreeDifference difference = assertNotProven("y = total\n", "y = subtotal\n");
        assertEquals("name total → subtotal", difference.description());
    }

    @Test
    void changedCallIsNotProven() {
        assertNotProven("x = clean(s)\n", "x = clean(s, strict=True)\n");
        assertNotProven("x = clean(s)\n", "x = normalize(s)\n");
    }

    @Test
    void addedDecoratorIsNotProven() {
        TreeDifference difference = assertNotProven("def f():\n    pass\n", "@cache\ndef f():\n    pass\n");
        assertTrue(difference.description().contains("decorator"), difference.description());
    }

    @Test
    void changedDecoratorIsNotProven() {
        assertNotProven("@retry(3)\ndef f():\n    pass\n", "@retry(4)\ndef f():\n    pass\n");
    }

    @Test
    void textThatDoesNotParseIsNotProven() {
        TreeDifference difference = assertNotProven("x = f(a)\n", "x = f(a\n");
        assertTrue(difference.description().startsWith("does not parse"), difference.description());
    }

    @Test
    void identicalTextThatDoesNotParseIsNotProven() {
        assertNotProven("def f(:\n", "def f(:  # c\n");
    }

    @Test
    void singleElementTupleCommaIsNotDropped() {
        assertNotProven("x = (a,)\n", "x = (a)\n");
        assertNotProven("x = a,\n", "x = a\n");
        assertNotProven("v = m[a,]\n", "v = m[a]\n");
        assertNotProven("(a,) = b\n", "(a) = b\n");
    }

    @Test
    void bytesVersusStrIsNotProven() {
        assertNotProven("x = b'a'\n", "x = 'a'\n");
    }

    @Test
    void fStringWithoutFieldsVersusPlainStringIsNotProven() {
        assertNotProven("x = f'a'\n", "x = 'a'\n");
    }

    @Test
    void fStringFieldChangeIsNotProven() {
        assertNotProven("x = f'{a}'\n", "x = f'{b}'\n");
        assertNotProven("x = f'{a!r}'\n", "x = f'{a!s}'\n");
        assertNotProven("x = f'{a:>10}'\n", "x = f'{a:>11}'\n");
        assertNotProven("x = f'{a=}'\n", "x = f'{a = }'\n");
    }

    @Test
    void doubledBraceIsNotAnEscapedBraceCode() {
        assertNotProven("x = f'\\x7b\\x7b'\n", "x = f'{{'\n");
    }

    @Test
    void walrusParenthesesAreNotDropped() {
        assertNotProven("x = (y := 1)\n", "x = y := 1\n");
    }

    @Test
    void delOfTupleVersusSeveralTargetsIsNotProven() {
        assertNotProven("del (a, b)\n", "del a, b\n");
    }

    @Test
    void generatorWithTrailingCommaIsNotProven() {
        assertNotProven("f(x for x in y)\n", "f(x for x in y,)\n");
    }

    @Test
    void unparenthesizedImportWithTrailingCommaIsNotProven() {
        assertNotProven("from a import b\n", "from a import b,\n");
    }

    @Test
    void escapeChangingValueIsNotProven() {
        assertNotProven("x = '\\t'\n", "x = '\\\\t'\n");
        assertNotProven("x = '\\x41'\n", "x = 'a'\n");
    }

    @Test
    void quoteReusedInsideFStringFieldIsNotProven() {
        assertNotProven("x = f\"{d['k']}\"\n", "x = f'{d['k']}'\n");
    }

    @Test
    void parenthesesChangingPrecedenceAreNotProven() {
        assertNotProven("y = (a + b) * c\n", "y = a + b * c\n");
        assertNotProven("y = a - (b - c)\n", "y = a - b - c\n");
    }

    @Test
    void sliceStepVersusStopIsNotProven() {
        assertNotProven("y = a[::2]\n", "y = a[:2]\n");
    }

    @Test
    void statementOrderChangeIsNotProven() {
        assertNotProven("a()\nb()\n", "b()\na()\n");
    }

    @Test
    void lineBreakInsideSingleQuotedFStringFieldIsNotProven() {
        assertNotProven("x = f\"{i + 1}\"\n", "x = f\"{i\n    + 1}\"\n");
    }

    @Test
    void inconsistentIndentationTreeSitterAcceptsIsNotProven() {
        assertNotProven("def f():\n    a = 1\n    return a\n", "def f():\n    a = 1\n   return a\n");
        assertNotProven("def f():\n    a = 1\n", " def f():\n    a = 1\n");
        assertNotProven("def f():\n    if a:\n        b()\n    c()\n", "def f():\n    if a:\n        b()\n      c()\n");
    }

    @Test
    void lineBreakWhereStatementCannotEndIsNotProven() {
        assertNotProven("x = a + b\n", "x = a +\nb\n");
        assertNotProven("x = a + b\n", "x = a + b\\\n");
    }
}
