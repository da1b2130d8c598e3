package dev.stalewatch.triage.python;

import static dev.stalewatch.triage.python.PythonProofs.assertNotProven;
import static dev.stalewatch.triage.python.PythonProofs.assertProvenBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.ProofRule;
import org.junit.jupiter.api.Test;

/** The docstring rule: what it proves, and each condition under which it must not. */
class PythonDocstringRuleTest {

    private static final String SCORE = "def score(item):\n    \"\"\"Score one item.\"\"\"\n    return item * 2\n";

    @Test
    void changedFunctionDocstringIsProvenByTheDocstringRule() {
        assertProvenBy(SCORE, SCORE.replace("Score one item.", "Scores an item (0..1)."), ProofRule.DOCSTRINGS);
    }

    @Test
    void addedAndRemovedDocstringsAreProven() {
        String bare = "def score(item):\n    return item * 2\n";
        assertProvenBy(bare, SCORE, ProofRule.DOCSTRINGS);
        assertProvenBy(SCORE, bare, ProofRule.DOCSTRINGS);
    }

    @Test
    void moduleAndClassDocstringsAreProven() {
        String old = "\"\"\"Stages.\"\"\"\nclass Scorer:\n    'Scores.'\n    def run(self, x):\n        return x\n";
        String neu = "\"\"\"The scoring stages.\n\nMore text.\n\"\"\"\nclass Scorer:\n    \"\"\"Scores items.\"\"\"\n"
                + "    def run(self, x):\n        return x\n";
        assertProvenBy(old, neu, ProofRule.DOCSTRINGS);
    }

    @Test
    void concatenatedAndParenthesizedDocstringsAreDocstrings() {
        assertProvenBy("def f():\n    ('a' 'b')\n    return 1\n", "def f():\n    'c'\n    return 1\n", ProofRule.DOCSTRINGS);
    }

    @Test
    void docstringOnlyBodiesAreEqualWhenOnlyTheTextChanged() {
        assertProvenBy("def f():\n    'old'\n", "def f():\n    '''new'''\n", ProofRule.DOCSTRINGS);
    }

    @Test
    void notProvenWhenTheCodeReadsDunderDoc() {
        String old = "def f(g):\n    'Old.'\n    return g.__doc__\n";
        var difference = assertNotProven(old, old.replace("Old.", "New."));
        assertTrue(difference.description().contains("the docstrings rule is off: the code reads docstrings (__doc__)"),
                difference::description);
    }

    @Test
    void notProvenWhenGetattrReadsDunderDocByName() {
        String old = "def f():\n    'Old.'\n    return getattr(f, '__doc__')\n";
        assertNotProven(old, old.replace("Old.", "New."));
    }

    @Test
    void notProvenWhenInspectGetdocReadsIt() {
        String old = "import inspect\ndef f():\n    'Old.'\n    return inspect.getdoc(f)\n";
        assertNotProven(old, old.replace("Old.", "New."));
    }

    @Test
    void notProvenWhenPydocIsUsed() {
        String old = "import pydoc\ndef f():\n    'Old.'\n    return pydoc.render_doc(f)\n";
        assertNotProven(old, old.replace("Old.", "New."));
    }

    @Test
    void notProvenForADecoratedDefOrClassOrADefPassedAsAValue() {
        assertNotProven("@click.command()\ndef cli():\n    'Old help.'\n", "@click.command()\ndef cli():\n    'New help.'\n");
        assertNotProven("@dataclass\nclass C:\n    'Old.'\n", "@dataclass\nclass C:\n    'New.'\n");
        assertNotProven("def f():\n    'Old.'\nregister(f)\n", "def f():\n    'New.'\nregister(f)\n");
    }

    @Test
    void notProvenForPlyRules() {
        assertNotProven("def t_NUMBER(t):\n    r'\\d+'\n    return t\n", "def t_NUMBER(t):\n    r'\\d*'\n    return t\n");
    }

    @Test
    void anFStringIsNoDocstring() {
        assertNotProven("def f(x):\n    f'{x}'\n    return 1\n", "def f(x):\n    f'{x!r}'\n    return 1\n");
        assertNotProven("def f(x):\n    f'{g(x)}'\n    return 1\n", "def f(x):\n    return 1\n");
    }

    @Test
    void bytesAreNoDocstring() {
        assertNotProven("def f():\n    b'a'\n    return 1\n", "def f():\n    b'b'\n    return 1\n");
    }

    @Test
    void aStringThatIsNotTheFirstStatementIsCode() {
        assertNotProven("def f():\n    x = 1\n    'note'\n    return x\n", "def f():\n    x = 1\n    'other'\n    return x\n");
    }

    @Test
    void docstringRuleLeavesTheCodeCompared() {
        var difference = assertNotProven(SCORE, SCORE.replace("Score one item.", "Doubles.").replace("* 2", "* 3"));
        assertEquals("number 2 → 3", difference.description());
    }

    @Test
    void aStringInsideAnIfBlockIsNoDocstring() {
        assertNotProven("def f(x):\n    if x:\n        'a'\n    return 1\n", "def f(x):\n    if x:\n        'b'\n    return 1\n");
    }
}
