package dev.stalewatch.triage.review;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.java.JavaStructuralComparator;
import dev.stalewatch.triage.python.PythonStructuralComparator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Review of the second-tier proof rules (docstrings, annotations, local renames): pairs that must
 * NOT be proven cosmetic because the two versions can behave differently.
 *
 * <p>{@link FalseProofs} holds the pairs the comparator wrongly proves at the time of review: each
 * test FAILS, and its comment says how the two versions differ. {@link Holds} documents corners
 * that were checked and are refused as they should be (these pass).
 */
class FalseProofHuntTest {

    private static void notProvenPython(String old, String neu) {
        Comparison c = new PythonStructuralComparator().compare(old, neu);
        assertFalse(c.proven(), () -> "FALSE PROOF (" + c.proof().map(p -> p.reason()).orElse("") + ")\n--- old\n"
                + old + "--- new\n" + neu);
    }

    private static void notProvenJava(String old, String neu) {
        Comparison c = new JavaStructuralComparator().compare(old, neu);
        assertFalse(c.proven(), () -> "FALSE PROOF (" + c.proof().map(p -> p.reason()).orElse("") + ")\n--- old\n"
                + old + "--- new\n" + neu);
    }

    /** Each of these fails: the comparator proves a pair whose versions behave differently. */
    @Nested
    class FalseProofs {

        // ---------------------------------------------------------------------------------
        // LOCAL_RENAMES (Python): libraries that resolve a *string* against the caller's frame.
        // The rename is "consistent" in the code, but the string still names the old local.
        // None of these texts mentions locals/eval/_getframe/f_locals: the library does it.
        // ---------------------------------------------------------------------------------

        /** pandas DataFrame.query resolves '@limit' in the caller's frame: new raises UndefinedVariableError. */
        @Test
        void pandasQueryAtVariable() {
            notProvenPython("""
                    def select(df):
                        limit = 10
                        return df.query("price > @limit")
                    """, """
                    def select(df):
                        cap = 10
                        return df.query("price > @limit")
                    """);
        }

        /** DuckDB replacement scans find the DataFrame 'frame' among the caller's locals: new fails (table not found). */
        @Test
        void duckdbReplacementScan() {
            notProvenPython("""
                    import duckdb
                    def top(rows):
                        frame = rows[rows.qty > 0]
                        return duckdb.sql("SELECT * FROM frame").df()
                    """, """
                    import duckdb
                    def top(rows):
                        positive = rows[rows.qty > 0]
                        return duckdb.sql("SELECT * FROM frame").df()
                    """);
        }

        /** polars.sql registers the caller's frames by variable name, like DuckDB. */
        @Test
        void polarsSqlFrameLookup() {
            notProvenPython("""
                    import polars as pl
                    def f(rows):
                        frame = rows.filter(pl.col("q") > 0)
                        return pl.sql("SELECT * FROM frame").collect()
                    """, """
                    import polars as pl
                    def f(rows):
                        positive = rows.filter(pl.col("q") > 0)
                        return pl.sql("SELECT * FROM frame").collect()
                    """);
        }

        /** pandasql.sqldf without env reads the caller's frame variables. */
        @Test
        void pandasqlSqldf() {
            notProvenPython("""
                    from pandasql import sqldf
                    def f(rows):
                        frame = rows
                        return sqldf("SELECT * FROM frame")
                    """, """
                    from pandasql import sqldf
                    def f(rows):
                        data = rows
                        return sqldf("SELECT * FROM frame")
                    """);
        }

        /** numexpr.evaluate takes its operands from the caller's locals by name: new raises KeyError. */
        @Test
        void numexprEvaluate() {
            notProvenPython("""
                    import numexpr as ne
                    def f(x):
                        a = x * 2
                        return ne.evaluate("a + 1")
                    """, """
                    import numexpr as ne
                    def f(x):
                        b = x * 2
                        return ne.evaluate("a + 1")
                    """);
        }

        /** inspect.getclosurevars(...).nonlocals is keyed by the free variable's name: {'factor': 3} vs {'k': 3}. */
        @Test
        void inspectGetclosurevars() {
            notProvenPython("""
                    import inspect
                    def make():
                        factor = 3
                        def scale(v):
                            return v * factor
                        return inspect.getclosurevars(scale).nonlocals
                    """, """
                    import inspect
                    def make():
                        k = 3
                        def scale(v):
                            return v * k
                        return inspect.getclosurevars(scale).nonlocals
                    """);
        }

        /** The local-name readers are only matched as identifiers; as a string ("locals") they are missed. */
        @Test
        void localsReachedByString() {
            notProvenPython("""
                    import builtins
                    def f():
                        t = 1
                        return getattr(builtins, "locals")()
                    """, """
                    import builtins
                    def f():
                        u = 1
                        return getattr(builtins, "locals")()
                    """);
        }

        // ---------------------------------------------------------------------------------
        // LOCAL_RENAMES (Python): the language itself.
        // ---------------------------------------------------------------------------------

        /**
         * Walrus may not rebind a comprehension iteration variable: the new version is a
         * SyntaxError ("assignment expression cannot rebind comprehension iteration variable 'x'").
         * The analysis sees two variables (function-level x, comprehension x) and accepts j → x.
         */
        @Test
        void walrusRenamedOntoComprehensionVariableIsSyntaxError() {
            notProvenPython("""
                    def f(xs):
                        ys = [j := x for x in xs]
                        return j, ys
                    """, """
                    def f(xs):
                        ys = [x := x for x in xs]
                        return x, ys
                    """);
        }

        /**
         * Name mangling: inside class C, __v is _C__v, but inside the nested class D it is _D__v,
         * a different (global) name. Old: D().n() raises NameError; new: closure, returns 1.
         * (Reverse direction: the rename v → __v turns a working closure into a NameError.)
         */
        @Test
        void manglingDiffersInNestedClass() {
            notProvenPython("""
                    class C:
                        def m(self):
                            __v = 1
                            class D:
                                def n(self):
                                    return __v
                            return D().n()
                    """, """
                    class C:
                        def m(self):
                            v = 1
                            class D:
                                def n(self):
                                    return v
                            return D().n()
                    """);
            notProvenPython("""
                    class C:
                        def m(self):
                            v = 1
                            class D:
                                def n(self):
                                    return v
                            return D().n()
                    """, """
                    class C:
                        def m(self):
                            __v = 1
                            class D:
                                def n(self):
                                    return __v
                            return D().n()
                    """);
        }

        /** Old: __x in class C's method is the local _C__x, so "return _C__x" returns 1; new: NameError. */
        @Test
        void mangledLocalReadByItsMangledName() {
            notProvenPython("""
                    class C:
                        def m(self):
                            __x = 1
                            return _C__x
                    """, """
                    class C:
                        def m(self):
                            y = 1
                            return _C__x
                    """);
        }

        /** A local named __class__ hides the implicit cell zero-argument super() needs: new raises RuntimeError. */
        @Test
        void renamedToDunderClassBreaksSuper() {
            notProvenPython("""
                    class A(Base):
                        def run(self):
                            tmp = 1
                            return super().run() + tmp
                    """, """
                    class A(Base):
                        def run(self):
                            __class__ = 1
                            return super().run() + __class__
                    """);
        }

        /** Assigning to __debug__ is a SyntaxError. */
        @Test
        void renamedToDunderDebugIsSyntaxError() {
            notProvenPython("""
                    def f():
                        t = 1
                        return t
                    """, """
                    def f():
                        __debug__ = 1
                        return __debug__
                    """);
        }

        /**
         * Documented exclusion, kept for the record: UnboundLocalError's text names the local, and
         * this code returns it. Old: "cannot access local variable 'total' ..."; new: '... subtotal ...'.
         */
        @Test
        void unboundLocalMessageNamesTheLocal() {
            notProvenPython("""
                    def f(flag):
                        if flag:
                            total = 1
                        try:
                            return total
                        except UnboundLocalError as e:
                            return str(e)
                    """, """
                    def f(flag):
                        if flag:
                            subtotal = 1
                        try:
                            return subtotal
                        except UnboundLocalError as e:
                            return str(e)
                    """);
        }

        // ---------------------------------------------------------------------------------
        // ANNOTATIONS (Python)
        // ---------------------------------------------------------------------------------

        /**
         * Without 'from __future__ import annotations' (Python < 3.14) a parameter/return annotation
         * is evaluated when the def runs. Annotating a method with its own class (the most common
         * annotation mistake) makes the new module raise NameError at import.
         */
        @Test
        void selfReferencingMethodAnnotationRaisesNameError() {
            notProvenPython("""
                    class Node:
                        def add(self, other):
                            return other
                    """, """
                    class Node:
                        def add(self, other: Node) -> Node:
                            return other
                    """);
        }

        /** New annotation names something not imported: NameError at import. */
        @Test
        void annotationWithUndefinedNameRaisesNameError() {
            notProvenPython("""
                    import pandas as pd
                    def load(path):
                        return pd.read_csv(path)
                    """, """
                    import pandas as pd
                    def load(path) -> DataFrame:
                        return pd.read_csv(path)
                    """);
        }

        /** Un-quoting a TYPE_CHECKING-only name: pd is not bound at run time, new raises NameError. */
        @Test
        void unquotedTypeCheckingOnlyNameRaisesNameError() {
            notProvenPython("""
                    from typing import TYPE_CHECKING
                    if TYPE_CHECKING:
                        import pandas as pd
                    def load(path: "pd.Series"):
                        return path
                    """, """
                    from typing import TYPE_CHECKING
                    if TYPE_CHECKING:
                        import pandas as pd
                    def load(path: pd.Series):
                        return path
                    """);
        }

        /**
         * A rename that is NOT consistent, hidden by dropping an annotation: new g's annotation still
         * says T, which no longer exists; calling f raises NameError when 'def g' runs.
         */
        @Test
        void inconsistentRenameHiddenInDroppedAnnotation() {
            notProvenPython("""
                    def f():
                        T = int
                        def g(x: T):
                            return x
                        return g, T
                    """, """
                    def f():
                        U = int
                        def g(x: T):
                            return x
                        return g, U
                    """);
        }

        /** "annotated name 'counter' can't be global": the new version does not compile. */
        @Test
        void annotatingAGlobalIsSyntaxError() {
            notProvenPython("""
                    counter = 0
                    def bump():
                        global counter
                        counter = counter + 1
                        return counter
                    """, """
                    counter = 0
                    def bump():
                        global counter
                        counter: int = counter + 1
                        return counter
                    """);
        }

        /** "annotated name 'n' can't be nonlocal": the new version does not compile. */
        @Test
        void annotatingANonlocalIsSyntaxError() {
            notProvenPython("""
                    def outer():
                        n = 0
                        def inc():
                            nonlocal n
                            n = n + 1
                            return n
                        return inc
                    """, """
                    def outer():
                        n = 0
                        def inc():
                            nonlocal n
                            n: int = n + 1
                            return n
                        return inc
                    """);
        }

        /** typer.run builds the CLI from annotations: count becomes str, "5" * 2 prints 55 instead of 10. */
        @Test
        void typerRunReadsParameterAnnotations() {
            notProvenPython("""
                    import typer
                    def main(count: int):
                        print(count * 2)
                    typer.run(main)
                    """, """
                    import typer
                    def main(count: str):
                        print(count * 2)
                    typer.run(main)
                    """);
            notProvenPython("""
                    import typer
                    def main(count: int):
                        print(count * 2)
                    typer.run(main)
                    """, """
                    import typer
                    def main(count):
                        print(count * 2)
                    typer.run(main)
                    """);
        }

        /** singledispatch.register(func) dispatches on the first parameter's annotation. */
        @Test
        void singledispatchRegisterCallReadsAnnotation() {
            notProvenPython("""
                    from functools import singledispatch
                    @singledispatch
                    def fmt(v):
                        return "other"
                    def fmt_int(v: int):
                        return "int"
                    fmt.register(fmt_int)
                    """, """
                    from functools import singledispatch
                    @singledispatch
                    def fmt(v):
                        return "other"
                    def fmt_int(v: str):
                        return "int"
                    fmt.register(fmt_int)
                    """);
        }

        /** pydantic.validate_call applied as a call, not as a decorator: validation/coercion follows the annotation. */
        @Test
        void validateCallAppliedAsACall() {
            notProvenPython("""
                    import pydantic
                    def parse(n: int):
                        return n
                    parse = pydantic.validate_call(parse)
                    """, """
                    import pydantic
                    def parse(n: str):
                        return n
                    parse = pydantic.validate_call(parse)
                    """);
        }

        /** beartype's import hook checks every annotated function of the package at call time. */
        @Test
        void beartypeClawChecksAllAnnotations() {
            notProvenPython("""
                    from beartype.claw import beartype_this_package
                    beartype_this_package()
                    def scale(x: float, k: float) -> float:
                        return x * k
                    """, """
                    from beartype.claw import beartype_this_package
                    beartype_this_package()
                    def scale(x: int, k: int) -> int:
                        return x * k
                    """);
        }

        /** TorchScript compiles from annotations: k: int vs k: float changes the compiled graph (and what it accepts). */
        @Test
        void torchJitScriptCompilesFromAnnotations() {
            notProvenPython("""
                    import torch
                    def gate(x: torch.Tensor, k: int) -> torch.Tensor:
                        return x * k
                    scripted = torch.jit.script(gate)
                    """, """
                    import torch
                    def gate(x: torch.Tensor, k: float) -> torch.Tensor:
                        return x * k
                    scripted = torch.jit.script(gate)
                    """);
        }

        /**
         * 'from pkg import thing' binds only 'thing', but the analysis marks 'pkg' as bound in f too,
         * so the bare 'pkg: int' counts as removable. Old: pkg is local to f, UnboundLocalError;
         * new: returns the module-level pkg.
         */
        @Test
        void fromImportModuleNameIsNotABinding() {
            notProvenPython("""
                    import pkg
                    def f():
                        from pkg import thing
                        pkg: int
                        return pkg
                    """, """
                    import pkg
                    def f():
                        from pkg import thing
                        return pkg
                    """);
        }

        // ---------------------------------------------------------------------------------
        // DOCSTRINGS (Python)
        // ---------------------------------------------------------------------------------

        /** PLY lex: a token function's docstring IS its regular expression; "1.5" now lexes as one token. */
        @Test
        void plyLexDocstringIsTheTokenRegex() {
            notProvenPython("""
                    import ply.lex as lex
                    tokens = ("NUMBER",)
                    def t_NUMBER(t):
                        r"\\d+"
                        t.value = int(t.value)
                        return t
                    """, """
                    import ply.lex as lex
                    tokens = ("NUMBER",)
                    def t_NUMBER(t):
                        r"\\d+(\\.\\d+)?"
                        t.value = int(t.value)
                        return t
                    """);
        }

        /** PLY yacc: the docstring is the grammar production; PLUS → MINUS changes the parser. */
        @Test
        void plyYaccDocstringIsTheGrammar() {
            notProvenPython("""
                    def p_expr_plus(p):
                        'expr : expr PLUS term'
                        p[0] = p[1] + p[3]
                    """, """
                    def p_expr_plus(p):
                        'expr : expr MINUS term'
                        p[0] = p[1] + p[3]
                    """);
        }

        /** vars(Config) (with an argument, so allowed) includes '__doc__': old lists it among str attributes, new does not. */
        @Test
        void classDictIterationSeesTheDocstring() {
            notProvenPython("""
                    class Config:
                        \"""Settings.\"""
                        retries = 3
                    def keys():
                        return [k for k, v in vars(Config).items() if isinstance(v, str)]
                    """, """
                    class Config:
                        retries = 3
                    def keys():
                        return [k for k, v in vars(Config).items() if isinstance(v, str)]
                    """);
        }

        /** getattr with a computed "__doc__" string is not recognised. */
        @Test
        void dunderDocBuiltAsAString() {
            notProvenPython("""
                    def f():
                        \"""doc\"""
                        return getattr(f, "__d" + "oc__")
                    """, """
                    def f():
                        \"""other\"""
                        return getattr(f, "__d" + "oc__")
                    """);
        }

        // ---------------------------------------------------------------------------------
        // LOCAL_RENAMES (Java): a rename onto another local still in scope does not compile
        // (Java forbids a local/lambda/catch parameter shadowing a local). Placeholders are
        // per declaration, so the analysis never notices the collision.
        // ---------------------------------------------------------------------------------

        /** "variable i is already defined in method f(int)". */
        @Test
        void javaNestedLoopVariableRenamedOntoOuter() {
            notProvenJava("""
                    class C {
                        int f(int n) {
                            int s = 0;
                            for (int i = 0; i < n; i++) {
                                for (int j = 0; j < n; j++) {
                                    s += j;
                                }
                            }
                            return s;
                        }
                    }
                    """, """
                    class C {
                        int f(int n) {
                            int s = 0;
                            for (int i = 0; i < n; i++) {
                                for (int i = 0; i < n; i++) {
                                    s += i;
                                }
                            }
                            return s;
                        }
                    }
                    """);
        }

        /** Lambda parameter named like an enclosing local: "variable a is already defined". */
        @Test
        void javaLambdaParameterRenamedOntoLocal() {
            notProvenJava("""
                    class C {
                        int f() {
                            int a = 1;
                            java.util.function.IntUnaryOperator g = b -> b + 1;
                            return g.applyAsInt(a);
                        }
                    }
                    """, """
                    class C {
                        int f() {
                            int a = 1;
                            java.util.function.IntUnaryOperator g = a -> a + 1;
                            return g.applyAsInt(a);
                        }
                    }
                    """);
        }

        /** A local inside a lambda body named like an enclosing local: does not compile. */
        @Test
        void javaLocalInLambdaBodyRenamedOntoOuterLocal() {
            notProvenJava("""
                    class C {
                        void f(java.util.List<Integer> xs) {
                            int total = 0;
                            xs.forEach(v -> { int t = v * 2; System.out.println(t); });
                        }
                    }
                    """, """
                    class C {
                        void f(java.util.List<Integer> xs) {
                            int total = 0;
                            xs.forEach(v -> { int total = v * 2; System.out.println(total); });
                        }
                    }
                    """);
        }

        /** Catch parameter named like a local in scope: does not compile. */
        @Test
        void javaCatchParameterRenamedOntoLocal() {
            notProvenJava("""
                    class C {
                        String f() {
                            String msg = "x";
                            try { g(); } catch (RuntimeException e) { return e.getMessage(); }
                            return msg;
                        }
                    }
                    """, """
                    class C {
                        String f() {
                            String msg = "x";
                            try { g(); } catch (RuntimeException msg) { return msg.getMessage(); }
                            return msg;
                        }
                    }
                    """);
        }

        /** Two declarations of 'a' in one block: does not compile. */
        @Test
        void javaSecondLocalRenamedOntoFirstInSameBlock() {
            notProvenJava("""
                    class C {
                        int f() {
                            int a = 1;
                            int b = 2;
                            return b;
                        }
                    }
                    """, """
                    class C {
                        int f() {
                            int a = 1;
                            int a = 2;
                            return a;
                        }
                    }
                    """);
        }

        /** Old-style switch groups share one block: a second 'x' in a later group does not compile. */
        @Test
        void javaSwitchGroupLocalRenamedOntoEarlierGroupLocal() {
            notProvenJava("""
                    class C {
                        int f(int k) {
                            switch (k) {
                                case 1: int x = 1; return x;
                                default: int y = 2; return y;
                            }
                        }
                    }
                    """, """
                    class C {
                        int f(int k) {
                            switch (k) {
                                case 1: int x = 1; return x;
                                default: int x = 2; return x;
                            }
                        }
                    }
                    """);
        }
    }

    /** Corners checked that hold: all refused (these pass). */
    @Nested
    class Holds {

        @Test
        void pandasEvalIsCaughtByTheEvalAttributeName() {
            notProvenPython("""
                    def select(df):
                        limit = 10
                        return df.eval("price > @limit")
                    """, """
                    def select(df):
                        cap = 10
                        return df.eval("price > @limit")
                    """);
        }

        @Test
        void frameLocalsThroughInspectStackAreCaught() {
            // '.locals' as an attribute name already turns renames off
            notProvenPython("""
                    import inspect
                    def f(x):
                        total = x * 2
                        return sorted(inspect.getargvalues(inspect.stack()[0].frame).locals)
                    """, """
                    import inspect
                    def f(x):
                        subtotal = x * 2
                        return sorted(inspect.getargvalues(inspect.stack()[0].frame).locals)
                    """);
        }

        @Test
        void localReadInNestedClassBody() {
            notProvenPython("""
                    def f():
                        size = 3
                        class K:
                            n = size
                        return K.n
                    """, """
                    def f():
                        width = 3
                        class K:
                            n = width
                        return K.n
                    """);
        }

        @Test
        void localReadInMethodDefaultOfNestedClass() {
            notProvenPython("""
                    def f():
                        k = 2
                        class K:
                            def m(self, v=k):
                                return v
                        return K().m()
                    """, """
                    def f():
                        j = 2
                        class K:
                            def m(self, v=j):
                                return v
                        return K().m()
                    """);
        }

        @Test
        void firstIterableOfComprehensionInClassBodyIsTheClassName() {
            notProvenPython("""
                    def f():
                        xs = [1]
                        class K:
                            xs = [2]
                            ys = [x for x in xs]
                        return K.ys
                    """, """
                    def f():
                        zs = [1]
                        class K:
                            xs = [2]
                            ys = [x for x in xs]
                        return K.ys
                    """);
        }

        @Test
        void renameCapturingAGlobalReadInANestedFunction() {
            notProvenPython("""
                    def f():
                        a = 1
                        def g():
                            return b
                        return g() + a
                    """, """
                    def f():
                        b = 1
                        def g():
                            return b
                        return g() + b
                    """);
        }

        @Test
        void renameOntoABuiltinUsedElsewhere() {
            notProvenPython("def f(xs):\n    n = 0\n    return len(xs) + n\n",
                    "def f(xs):\n    len = 0\n    return len(xs) + len\n");
        }

        @Test
        void renameOntoAComprehensionVariableInside() {
            notProvenPython("def f(xs):\n    y = 10\n    return [x + y for x in xs]\n",
                    "def f(xs):\n    x = 10\n    return [x + x for x in xs]\n");
        }

        @Test
        void walrusInComprehensionBindsInTheFunction() {
            notProvenPython("def f(xs):\n    ys = [y := x for x in xs]\n    return y\n",
                    "def f(xs):\n    ys = [z := x for x in xs]\n    return y\n");
        }

        @Test
        void exceptTargetOnlyPartlyRenamed() {
            notProvenPython("def f():\n    try:\n        g()\n    except E as err:\n        pass\n    return err\n",
                    "def f():\n    try:\n        g()\n    except E as exc:\n        pass\n    return err\n");
        }

        @Test
        void lambdaDefaultOnlyPartlyRenamed() {
            notProvenPython("def f():\n    k = 1\n    return lambda v=k: v\n",
                    "def f():\n    m = 1\n    return lambda v=k: v\n");
        }

        @Test
        void nestedFStringAndFormatSpecOnlyPartlyRenamed() {
            notProvenPython("def f(x):\n    w = 5\n    return f\"{x:>{w}}\" + f\"{f'{w}'}\"\n",
                    "def f(x):\n    width = 5\n    return f\"{x:>{width}}\" + f\"{f'{w}'}\"\n");
        }

        @Test
        void selfDocumentingFString() {
            notProvenPython("def f():\n    total = 1\n    return f\"{total=}\"\n",
                    "def f():\n    sub = 1\n    return f\"{sub=}\"\n");
        }

        @Test
        void matchCaptureIsNotRenamed() {
            notProvenPython("def f(v):\n    match v:\n        case [a]:\n            return a\n",
                    "def f(v):\n    match v:\n        case [b]:\n            return b\n");
        }

        @Test
        void globalInNestedFunction() {
            notProvenPython("def f():\n    x = 1\n    def g():\n        global x\n        return x\n    return g() + x\n",
                    "def f():\n    y = 1\n    def g():\n        global x\n        return x\n    return g() + y\n");
        }

        @Test
        void swapThatIsNotABijection() {
            notProvenPython("def f(x):\n    a = x\n    b = 2\n    return a + b * a\n",
                    "def f(x):\n    a = x\n    b = 2\n    return b + a * b\n");
        }

        @Test
        void fStringConcatenatedToAStringIsNoDocstring() {
            notProvenPython("def f():\n    \"a\" f\"b\"\n    return 1\n", "def f():\n    \"a\" f\"c\"\n    return 1\n");
        }

        @Test
        void removedDocstringPromotesTheNextString() {
            notProvenPython("def f():\n    \"doc\"\n    \"second\"\n    return 1\n",
                    "def f():\n    \"second\"\n    return 1\n");
        }

        @Test
        void methodOfDecoratedClass() {
            notProvenPython("""
                    import dataclasses
                    @dataclasses.dataclass
                    class P:
                        x: int
                        def m(self, y: int) -> int:
                            return y
                    """, """
                    import dataclasses
                    @dataclasses.dataclass
                    class P:
                        x: int
                        def m(self, y: str) -> int:
                            return y
                    """);
        }

        @Test
        void classBodyInsideAFunction() {
            notProvenPython("def f():\n    class P(NamedTuple):\n        x: int\n    return P\n",
                    "def f():\n    class P(NamedTuple):\n        x: str\n    return P\n");
        }

        @Test
        void decoratedNestedFunction() {
            notProvenPython("def outer():\n    @deco\n    def inner(x: int):\n        return x\n    return inner\n",
                    "def outer():\n    @deco\n    def inner(x: str):\n        return x\n    return inner\n");
        }

        @Test
        void bareAnnotationThatIsTheOnlyBinding() {
            notProvenPython("x = 1\ndef f():\n    x: int\n    return x\n", "x = 1\ndef f():\n    return x\n");
            notProvenPython("def f():\n    x = 1\n    def g():\n        x: int\n        return x\n    return g()\n",
                    "def f():\n    x = 1\n    def g():\n        return x\n    return g()\n");
        }

        @Test
        void annotationWithWalrusOrCallIsCode() {
            notProvenPython("def f(x: (y := int)):\n    return y\n", "def f(x: int):\n    return y\n");
            notProvenPython("def f(x: make_type()):\n    return x\n", "def f(x):\n    return x\n");
        }

        @Test
        void javaAnonymousClassInheritedField() {
            notProvenJava("""
                    class C {
                        int f() {
                            int count = 1;
                            Base b = new Base() { int g() { return count; } };
                            return b.g();
                        }
                    }
                    """, """
                    class C {
                        int f() {
                            int n = 1;
                            Base b = new Base() { int g() { return n; } };
                            return b.g();
                        }
                    }
                    """);
        }

        @Test
        void javaLocalClassCapture() {
            notProvenJava("""
                    class C {
                        int f() {
                            int a = 1;
                            class L extends Base { int g() { return a; } }
                            return new L().g();
                        }
                    }
                    """, """
                    class C {
                        int f() {
                            int b = 1;
                            class L extends Base { int g() { return b; } }
                            return new L().g();
                        }
                    }
                    """);
        }

        @Test
        void javaRenameOntoInheritedFieldOrField() {
            notProvenJava("""
                    class C extends Base {
                        int f() {
                            int t = 1;
                            return t + inherited;
                        }
                    }
                    """, """
                    class C extends Base {
                        int f() {
                            int inherited = 1;
                            return inherited + inherited;
                        }
                    }
                    """);
            notProvenJava("""
                    class C {
                        int f() {
                            int a = 1;
                            Runnable r = new Runnable() { int b = 2; public void run() { System.out.println(b); } };
                            r.run();
                            return a;
                        }
                    }
                    """, """
                    class C {
                        int f() {
                            int b = 1;
                            Runnable r = new Runnable() { int b = 2; public void run() { System.out.println(b); } };
                            r.run();
                            return b;
                        }
                    }
                    """);
        }

        @Test
        void javaObscuringATypeOrStaticImport() {
            notProvenJava("class C {\n int f() {\n  int m = 1;\n  return Math.max(m, 2);\n }\n}\n",
                    "class C {\n int f() {\n  int Math = 1;\n  return Math.max(Math, 2);\n }\n}\n");
            notProvenJava("import static java.lang.Math.PI;\nclass C {\n double f() {\n  double r = 2;\n  return r * PI;\n }\n}\n",
                    "import static java.lang.Math.PI;\nclass C {\n double f() {\n  double PI = 2;\n  return PI * PI;\n }\n}\n");
        }

        @Test
        void javaPatternVariableAndOldSwitchScope() {
            notProvenJava("class C {\n int f(Object o) {\n  if (o instanceof String s) return s.length();\n  return 0;\n }\n}\n",
                    "class C {\n int f(Object o) {\n  if (o instanceof String t) return t.length();\n  return 0;\n }\n}\n");
            notProvenJava("class C {\n int f(int k) {\n  switch (k) {\n   case 1: int x = 1; return x;\n   case 2: x = 2; return x;\n  }\n  return 0;\n }\n}\n",
                    "class C {\n int f(int k) {\n  switch (k) {\n   case 1: int y = 1; return y;\n   case 2: x = 2; return x;\n  }\n  return 0;\n }\n}\n");
        }

        @Test
        void javaEnumConstantBodyInheritedField() {
            notProvenJava("enum E {\n A { int g() { int t = 1; return t + v; } };\n int v = 3;\n abstract int g();\n}\n",
                    "enum E {\n A { int g() { int v = 1; return v + v; } };\n int v = 3;\n abstract int g();\n}\n");
        }
    }
}
