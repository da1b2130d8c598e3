#!/usr/bin/env python3
"""Builds the rule-tier corpus: pairs (old, new) of Python source produced by docstring, annotation
and rename edits (and adversarial look-alikes), labelled by an oracle built on CPython's ast.

The oracle (what ruleEqual means)
---------------------------------
ruleEqual is True only when both texts parse with CPython's ast (and compile: the compiler rejects a
few texts ast.parse takes, such as `x: int` after `global x` or `[x := x for x in xs]`) and the two
trees, dumped with ast.dump after clearing Constant.kind (as make_corpus.py does), are equal as
they stand or once some subset of the enabled rules has been applied to both trees, in the order
docstrings, annotations, renames. A rule is enabled when its rule-wide conditions hold over BOTH
versions; its per-item conditions (which docstring, annotation or variable) are read in each
version as written. A subset, not only the full set, is tried because renames is not monotone: a
docstring edit that brings in the word `total` keeps a variable `total` as it is in that version
only, so applying renames as well would undo the docstring proof.

  docstrings   remove the first statement of the module and of every class and def/async def
               body when it is an expression statement whose value is a str constant (implicit
               concatenation of plain strings included; f-strings and bytes are not docstrings),
               except the docstring of a def or class that has decorators (click, typer, property,
               dataclass read __doc__) and of a def whose name is used anywhere in that version
               other than as the callee of a call (`register(fn)`, `x = fn`, `return fn`,
               `typer.run(main)`; any Name node with that id that is not a Call's func).
               Off when either version mentions __doc__ (name, attribute or the string "__doc__"),
               getdoc, pydoc, doctest, help, ply, lex, yacc, vars, __dict__ or getmembers, or
               calls getattr/hasattr (a Name or an attribute of that name) with a second argument
               that is not a str constant (missing and starred included: `"__d" + "oc__"`).
  annotations  for every def/async def without decorators, not inside (at any depth) a class
               with decorators and whose name that version does not use other than as the callee
               of a call (same test as for docstrings; such a def keeps all its annotations):
               drop a parameter or return annotation when it is a type expression (Name,
               Attribute, Subscript, Constant str/None/Ellipsis/int, Tuple, List, BinOp |) and,
               unless that version has `from __future__ import annotations`, every Name in it
               (none inside str constants; of `np.ndarray` the root `np`) is one of int, float,
               complex, bool, str, bytes, bytearray, object, list, dict, set, frozenset, tuple,
               type, range, slice, memoryview or a name bound by an import statement directly in
               the module body on a line before the first line (decorators included) of the
               outermost def/class enclosing the function (its own when it has none): without the
               future import Python evaluates these when the def runs. `import a.b.c` binds a,
               `import a.b as c` binds c, `from p import t [as u]` binds t [u], the module path
               of a from-import binds nothing. In the function's own body (never evaluated, so no
               name test) `t: T = v` becomes `t = v` and a bare `x: T` is removed when x is a
               plain name bound otherwise in the same function scope (or is a parameter), T a type
               expression, except when the target is a Name the function's own scope declares
               global or nonlocal (`counter: int = 0` after `global counter` is a SyntaxError;
               `(counter): int = 0` compiles and is left too). Class bodies and module level are
               never changed. Off when `from __future__ import annotations` is in one version
               only, or either version mentions __annotations__, __annotate__, get_type_hints,
               signature, getfullargspec, getargspec, get_annotations, get_origin, get_args,
               get_overloads, get_protocol_members, get_original_bases, annotationlib, beartype,
               beartype_this_package, typeguard, typechecked, install_import_hook, validate_call,
               validate_arguments, singledispatch or singledispatchmethod.
  renames      every local variable of a function, lambda or comprehension scope that is bound
               there only as a plain variable (assignment, augmented or annotated assignment,
               for, with-as, except-as, comprehension target, walrus, del), is not declared global
               or nonlocal anywhere, whose name no other identifier in that version's source (as
               written, annotations included) shares, other than another plain local of another
               scope (a Name resolving elsewhere, parameter, def/class
               name, import name, global/nonlocal name, match capture or keyword-pattern name;
               attribute and keyword-argument names do not count) and that no class body nested in
               its scope reads (directly, not from a method of that class), is replaced by a
               placeholder numbered by scope and order of first occurrence, with Python's own
               scoping (a closure's reads follow the variable); except a variable whose name, in
               that version, starts with __, or occurs as a word ([A-Za-z_][A-Za-z0-9_]*) in the
               value of any str or bytes constant of that version as written (docstrings, the
               literal parts and format specs of f-strings included: df.query("price > @limit")
               and duckdb.sql("... FROM frame") look names up in the caller's locals), or is the
               target of a walrus inside a comprehension one of whose for-targets (of that or an
               enclosing comprehension the walrus is in) has the same name. Off when either
               version mentions locals, eval, exec, _getframe, currentframe, f_locals, f_back,
               co_varnames, __code__, settrace, setprofile, getouterframes, getinnerframes,
               getclosurevars, __closure__, co_freevars, co_cellvars or f_code, has a str constant
               equal to one of these or to vars or dir (getattr(builtins, "locals")), uses vars/dir
               other than called with an argument, or has a self-documenting f-string `{x=}`
               (found from the source tokens, since 3.11's ast spells it like `x={x!r}`).

"Mentions" means a Name, an Attribute's attr, an import's names (and a from-import's module) and,
for annotations and renames, a str constant equal to the word (docstrings: only "__doc__").
`rules` lists the smallest set of enabled rules that makes the trees equal ([] when they are
equal as they stand or not equal at all); `blocked` says which rules were off for the pair, why.

This oracle was written from the rule specification alone, with CPython's ast; it does not read,
mirror or share code with the Java implementation under triage-core/src/main.

Pairs carry the intent of the edit that made them (prove or adversarial) but the label is the
oracle's: a prove pair can be ruleEqual false (a docstring edit on a decorated class, a def passed
by value, a unit with a computed getattr). The prove kind rename-shared-name renames a local whose
name is also a parameter of another, unrelated function in the unit: the rule refuses it
(condition i), so these harmless renames are ruleEqual false.

Adversarial pairs look like a rule edit but break one condition. Each is kept only when the oracle
says not equal and, where a condition can be switched off in the oracle (the internal `ignore`
switches below, never used for labels), equal once that condition is ignored. Two conditions only
guard against a SyntaxError the compiler finds (an annotated global, a walrus onto a
comprehension's for-target): those pairs have a new version that does not compile and are kept
when they are equal once that condition and the compile check ("compile") are ignored. The kinds
that break Python's scoping itself (shadowing a builtin or global, capture by a nested function,
merging two variables, a missed occurrence) and the attribute and keyword-argument renames have
no such switch: they differ by construction. A "rule edit plus a real change" pair is kept only
when the rule edit alone is ruleEqual.

Choices where the specification leaves room: a bool constant counts as an int in a type
expression (Literal[True]); a bare annotation's name counts as bound elsewhere also when an
augmented assignment, del, class, match capture or comprehension walrus binds it; "mentions"
includes import names so that `from inspect import getdoc as g` blocks like `inspect.getdoc`.
"Used other than as the callee" counts Name nodes only (any context, decorators and annotations
included), not attribute names: `self.run` passed as a callback does not make a method `run`
passed by value, `obj.fn.__doc__` is caught by the __doc__ mention. An import inside `if
TYPE_CHECKING:` or `try:` at module level is not "directly in the module body" and binds nothing
for the annotation test. A def's own local annotations are kept too when the def is passed by
value ("keeps all its annotations": torch.jit.script reads them). String words are taken from the
constants' values (escapes decoded, implicit concatenation joined), so "%s" names s and ".2f" f.

Usage: python3 make_rule_corpus.py [output.jsonl]   (stdlib only, deterministic)
"""
import ast
import builtins
import copy
import io
import itertools
import json
import keyword
import os
import random
import re
import sys
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from base_functions import BASE_FUNCTIONS  # noqa: E402
from rule_functions import RULE_FUNCTIONS  # noqa: E402
import make_corpus  # noqa: E402  (cosmetic edits and the number/operator edits are reused)

SEED = 20261204
RULE_ORDER = ("docstrings", "annotations", "renames")

# --- what blocks a rule ------------------------------------------------------------------

DOC_WORDS = {"__doc__", "getdoc", "pydoc", "doctest", "help", "ply", "lex", "yacc", "vars", "__dict__", "getmembers"}
ANN_WORDS = {"__annotations__", "__annotate__", "get_type_hints", "signature", "getfullargspec", "getargspec",
             "get_annotations", "get_origin", "get_args", "get_overloads", "get_protocol_members",
             "get_original_bases", "annotationlib", "beartype", "beartype_this_package", "typeguard", "typechecked",
             "install_import_hook", "validate_call", "validate_arguments", "singledispatch", "singledispatchmethod"}
REN_WORDS = {"locals", "eval", "exec", "_getframe", "currentframe", "f_locals", "f_back", "co_varnames",
             "__code__", "settrace", "setprofile", "getouterframes", "getinnerframes", "getclosurevars", "__closure__",
             "co_freevars", "co_cellvars", "f_code"}
# a str constant naming any of them (getattr(builtins, "locals")) turns renames off too; vars and dir block as names
# only when used without an argument, as strings always
REN_STRING_WORDS = REN_WORDS | {"vars", "dir"}
# the builtin names a parameter or return annotation may use when it is evaluated at def time
ANN_BUILTINS = {"int", "float", "complex", "bool", "str", "bytes", "bytearray", "object", "list", "dict", "set",
                "frozenset", "tuple", "type", "range", "slice", "memoryview"}
WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def identifier_mentions(tree):
    """Names, attribute names and import names (with a from-import's module) in the tree."""
    words = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            words.add(node.id)
        elif isinstance(node, ast.Attribute):
            words.add(node.attr)
        elif isinstance(node, ast.alias):
            words.update(node.name.split("."))
            if node.asname:
                words.add(node.asname)
        elif isinstance(node, ast.ImportFrom) and node.module:
            words.update(node.module.split("."))
    return words


def str_constants(tree):
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def string_words(tree):
    """Every word (WORD_RE) inside a str or bytes constant of the tree: plain strings, docstrings, the literal
    parts and format specs of f-strings, as the values the program sees (escapes decoded, implicit
    concatenations joined)."""
    words = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes)):
            v = n.value.decode("latin-1") if isinstance(n.value, bytes) else n.value
            words.update(WORD_RE.findall(v))
    return words


def value_uses(tree):
    """Names used other than as the callee of a call: Name nodes (any context) that are not a Call's func."""
    callees = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in callees}


def computed_getattr(tree):
    """A call to getattr/hasattr (a Name or an attribute of that name) whose second argument is not a str constant."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            f = n.func
            word = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if word in ("getattr", "hasattr"):
                second = n.args[1] if len(n.args) > 1 else None
                if not (isinstance(second, ast.Constant) and isinstance(second.value, str)):
                    return word
    return None


def import_bindings(stmt):
    """Names an import statement binds: `import a.b.c` -> a, `import a.b as c` -> c, `from p import t [as u]` -> t [u]."""
    out = []
    for al in stmt.names:
        if al.name == "*":
            continue
        if al.asname:
            out.append(al.asname)
        elif isinstance(stmt, ast.Import):
            out.append(al.name.split(".")[0])
        else:
            out.append(al.name)
    return out


def module_imports(tree):
    """[(line, name)] for every name bound by an import statement directly in the module body."""
    return [(s.lineno, name) for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) for name in import_bindings(s)]


def bare_vars_or_dir(tree):
    """vars/dir used other than called with at least one argument."""
    called_with_args = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (node.args or node.keywords):
            called_with_args.add(id(node.func))
    for node in ast.walk(tree):
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if word in ("vars", "dir") and id(node) not in called_with_args:
            return word
    return None


def _scan_replacement_field(body, i):
    """body[i] == '{' opening a replacement field; returns (end index after the field, self_documenting)."""
    j, depth, n = i + 1, 0, len(body)
    selfdoc = False
    while j < n:
        c = body[j]
        if c in "'\"":
            q = body[j:j + 3] if body[j:j + 3] in ("'''", '"""') else c
            k = body.find(q, j + len(q))
            j = n if k < 0 else k + len(q)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return j + 1, selfdoc  # '}' ends the field
            depth -= 1
        elif depth == 0 and c in "=!<>" and body[j + 1:j + 2] == "=":
            j += 2
            continue
        elif depth == 0 and c == "=":
            rest = body[j + 1:].lstrip()
            if rest[:1] in ("}", "!", ":"):
                selfdoc = True
        elif depth == 0 and c in "!:":
            break
        j += 1
    # conversion and/or format spec up to the matching '}', spec may nest fields
    depth = 0
    while j < n:
        c = body[j]
        if c == "{":
            end, inner = _scan_replacement_field(body, j)
            selfdoc = selfdoc or inner
            j = end
            continue
        if c == "}":
            return j + 1, selfdoc
        j += 1
    return n, selfdoc


def has_fstring_selfdoc(src):
    """True when some f-string has a self-documenting `=` specifier ({x=}, {x = !r}, {x=:>5})."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return False
    for tok in toks:
        if tok.type != tokenize.STRING:
            continue
        m = re.match(r"([A-Za-z]*)('''|\"\"\"|'|\")", tok.string)
        prefix, quote = m.group(1), m.group(2)
        if "f" not in prefix.lower():
            continue
        body = tok.string[len(prefix) + len(quote):-len(quote)]
        i = 0
        while i < len(body):
            if body[i:i + 2] in ("{{", "}}"):
                i += 2
            elif body[i] == "{":
                i, selfdoc = _scan_replacement_field(body, i)
                if selfdoc:
                    return True
            else:
                i += 1
    return False


def future_annotations(tree):
    return any(isinstance(s, ast.ImportFrom) and s.module == "__future__" and any(a.name == "annotations" for a in s.names)
               for s in tree.body)


def doc_blocker(tree):
    hit = sorted(identifier_mentions(tree) & DOC_WORDS)
    if hit:
        return "mentions " + hit[0]
    if "__doc__" in str_constants(tree):
        return 'mentions "__doc__"'
    word = computed_getattr(tree)
    if word:
        return "%s with a computed attribute name" % word
    return None


def ann_blocker(tree):
    hit = sorted((identifier_mentions(tree) | str_constants(tree)) & ANN_WORDS)
    return "mentions " + hit[0] if hit else None


def ren_blocker(tree, src):
    hit = sorted((identifier_mentions(tree) & REN_WORDS) | (str_constants(tree) & REN_STRING_WORDS))
    if hit:
        return "mentions " + hit[0]
    word = bare_vars_or_dir(tree)
    if word:
        return "uses %s() without an argument" % word
    if has_fstring_selfdoc(src):
        return "self-documenting f-string"
    return None


# --- rule 1: docstrings ------------------------------------------------------------------

def _is_docstring_stmt(stmt, ignore):
    if not (isinstance(stmt, ast.Expr)):
        return False
    v = stmt.value
    if isinstance(v, ast.Constant) and isinstance(v.value, str):
        return True
    if "doc-fstring" in ignore and isinstance(v, ast.JoinedStr):
        return True
    if "doc-bytes" in ignore and isinstance(v, ast.Constant) and isinstance(v.value, bytes):
        return True
    return False


def strip_docstrings(tree, ignore=frozenset(), source=None):
    """source: the version as written (defaults to tree), where a def's uses by value are looked up."""
    by_value = value_uses(source if source is not None else tree)
    owners = [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    for owner in owners:
        if not isinstance(owner, ast.Module):
            if owner.decorator_list and "doc-decorated" not in ignore:
                continue  # click, typer, dataclass... read the decorated object's __doc__
            if isinstance(owner, FUNC_TYPES) and owner.name in by_value and "doc-by-value" not in ignore:
                continue  # register(fn), typer.run(main): whoever receives it may read __doc__
        if "doc-any-position" in ignore:
            owner.body = [s for s in owner.body if not _is_docstring_stmt(s, ignore)]
        elif owner.body and _is_docstring_stmt(owner.body[0], ignore):
            owner.body = owner.body[1:]


# --- rule 2: annotations -----------------------------------------------------------------

def is_type_expr(e):
    if isinstance(e, ast.Name):
        return True
    if isinstance(e, ast.Attribute):
        return is_type_expr(e.value)
    if isinstance(e, ast.Subscript):
        return is_type_expr(e.value) and is_type_expr(e.slice)
    if isinstance(e, ast.Constant):
        return e.value is None or e.value is Ellipsis or isinstance(e.value, (str, int))
    if isinstance(e, (ast.Tuple, ast.List)):
        return all(is_type_expr(x) for x in e.elts)
    if isinstance(e, ast.BinOp):
        return isinstance(e.op, ast.BitOr) and is_type_expr(e.left) and is_type_expr(e.right)
    return False


FUNC_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
COMP_NODES = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _target_names(t, out):
    if isinstance(t, ast.Name):
        out.add(t.id)
    elif isinstance(t, (ast.Tuple, ast.List)):
        for e in t.elts:
            _target_names(e, out)
    elif isinstance(t, ast.Starred):
        _target_names(t.value, out)


def function_bound_names(fn):
    """Names the function's own scope binds other than by a bare annotation (parameters included)."""
    a = fn.args
    bound = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    bound.update(x.arg for x in (a.vararg, a.kwarg) if x)

    def walk(node, in_comp):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            outer = list(node.decorator_list)
            if isinstance(node, ast.ClassDef):
                outer += node.bases + [k.value for k in node.keywords]
            else:
                outer += node.args.defaults + [k for k in node.args.kw_defaults if k]
            for e in outer:
                walk(e, in_comp)
            return
        if isinstance(node, ast.Lambda):
            for e in node.args.defaults + [k for k in node.args.kw_defaults if k]:
                walk(e, in_comp)
            return  # the body is the lambda's own scope
        if isinstance(node, COMP_NODES):
            for child in ast.iter_child_nodes(node):
                walk(child, True)  # its for-targets bind in the comprehension; a walrus binds here
            return
        if isinstance(node, ast.AnnAssign) and node.value is None:
            if not isinstance(node.target, ast.Name):
                walk(node.target, in_comp)
            return
        if isinstance(node, ast.NamedExpr):
            bound.add(node.target.id)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and not in_comp:
            bound.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update(al.asname or al.name.split(".")[0] for al in node.names if al.name != "*")
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        for child in ast.iter_child_nodes(node):
            walk(child, in_comp)

    for stmt in fn.body:
        walk(stmt, False)
    return bound


def annotation_names(e):
    """The names an annotation's evaluation looks up: every Name (an attribute chain's root), none inside strings."""
    return {n.id for n in ast.walk(e) if isinstance(n, ast.Name)}


def def_start_line(node):
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


class AnnotationEnv:
    """What a version offers its def-time annotations: the future import, the module-level imports by line,
    and the defs used by value."""

    def __init__(self, tree):
        self.future = future_annotations(tree)
        self.imports = module_imports(tree)
        self.by_value = value_uses(tree)

    def evaluable(self, e, outer_line, ignore=frozenset()):
        """A parameter or return annotation that is safe to drop: a type expression that, when the def runs,
        names only the listed builtins and names a module-level import bound before the outermost enclosing
        def/class (which starts at outer_line); anything goes under `from __future__ import annotations`."""
        if not is_type_expr(e) and "ann-type-expr" not in ignore:
            return False
        if self.future or "ann-undefined" in ignore:
            return True
        imported = {name for line, name in self.imports if line < outer_line}
        return annotation_names(e) <= (ANN_BUILTINS | imported)


def declared_global_or_nonlocal(fn):
    """Names the function's own scope declares global or nonlocal."""
    out = set()
    for n in own_nodes(fn):
        if isinstance(n, (ast.Global, ast.Nonlocal)):
            out.update(n.names)
    return out


def _strip_function(fn, ignore, env, outer_line):
    a = fn.args
    for arg in a.posonlyargs + a.args + a.kwonlyargs + [x for x in (a.vararg, a.kwarg) if x]:
        if arg.annotation is not None and env.evaluable(arg.annotation, outer_line, ignore):
            arg.annotation = None
    if fn.returns is not None and env.evaluable(fn.returns, outer_line, ignore):
        fn.returns = None
    bound = function_bound_names(fn)
    declared = set() if "ann-global-target" in ignore else declared_global_or_nonlocal(fn)

    def rewrite(stmts):
        out = []
        for s in stmts:
            if isinstance(s, ast.AnnAssign) and (is_type_expr(s.annotation) or "ann-type-expr" in ignore) and not (
                    isinstance(s.target, ast.Name) and s.target.id in declared):
                if s.value is not None:
                    out.append(ast.Assign(targets=[s.target], value=s.value, type_comment=None))
                    continue
                if isinstance(s.target, ast.Name):
                    if s.target.id in bound or "ann-bare-unbound" in ignore:
                        continue
                elif "ann-bare-attr" in ignore:
                    continue
            for field in ("body", "orelse", "finalbody"):
                if isinstance(getattr(s, field, None), list) and not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    setattr(s, field, rewrite(getattr(s, field)))
            for h in getattr(s, "handlers", []) or []:
                h.body = rewrite(h.body)
            if isinstance(s, ast.Match):
                for case in s.cases:
                    case.body = rewrite(case.body)
            out.append(s)
        return out

    fn.body = rewrite(fn.body)


def _erase_class_annotations(cls):
    """Only for the ann-class-body switch: what the rule would do if class bodies were not exempt."""
    out = []
    for s in cls.body:
        if isinstance(s, ast.AnnAssign):
            if s.value is not None:
                out.append(ast.Assign(targets=[s.target], value=s.value, type_comment=None))
                continue
            s.annotation = ast.Name(id="_ANNOTATION_", ctx=ast.Load())
        out.append(s)
    cls.body = out


def strip_annotations(tree, ignore=frozenset(), source=None):
    """source: the version as written (defaults to tree): its future import, imports and uses by value."""
    env = AnnotationEnv(source if source is not None else tree)
    if "ann-future" in ignore:
        tree.body = [s for s in tree.body if not (isinstance(s, ast.ImportFrom) and s.module == "__future__")]

    def visit(node, in_decorated_class, outer_line):
        for child in ast.iter_child_nodes(node):
            line = outer_line if outer_line is not None else (
                def_start_line(child) if isinstance(child, (ast.ClassDef,) + FUNC_TYPES) else None)
            if isinstance(child, ast.ClassDef):
                decorated = bool(child.decorator_list) and "ann-decorated-class" not in ignore
                if "ann-class-body" in ignore:
                    _erase_class_annotations(child)
                visit(child, in_decorated_class or decorated, line)
            elif isinstance(child, FUNC_TYPES):
                if ((not child.decorator_list or "ann-decorated" in ignore) and not in_decorated_class
                        and (child.name not in env.by_value or "ann-by-value" in ignore)):
                    _strip_function(child, ignore, env, line)
                visit(child, in_decorated_class, line)
            else:
                visit(child, in_decorated_class, outer_line)

    visit(tree, False, None)


# --- rule 3: renames (scope analysis) ----------------------------------------------------

PLAIN_BINDINGS = {"assign", "augassign", "annassign", "for", "with", "except", "compfor", "walrus", "del"}


class Scope:
    def __init__(self, kind, parent, index, node):
        self.kind, self.parent, self.index, self.node = kind, parent, index, node
        self.bindings = {}  # name -> set of binding kinds
        self.globals, self.nonlocals = set(), set()

    def bind(self, name, how):
        self.bindings.setdefault(name, set()).add(how)


class Occurrence:
    """One identifier spelling of a variable-like name: where it is looked up and how to rewrite it."""

    def __init__(self, name, scope, kind, setter=None, node=None, how=None):
        self.name, self.scope, self.kind, self.setter, self.node, self.how = name, scope, kind, setter, node, how
        self.symbol = None


class ScopeAnalysis:
    """Python 3.11 scoping over an ast tree: scopes, bindings, and every identifier occurrence
    resolved to the scope that owns it. `ignore` switches (ren-*) exist only to check that an
    adversarial sample is one condition away from equal; labels never use them."""

    def __init__(self, tree, ignore=frozenset()):
        self.ignore = ignore
        self.scopes = []
        self.occurrences = []
        self.other_identifiers = set()  # import names, keyword-pattern names: never a variable
        self.declared = set()  # names declared global or nonlocal anywhere
        self.string_words = string_words(tree)
        self._walruses = []  # (walrus target occurrence, the comprehension scopes it sits in)
        self.module = self._new_scope("module", None, tree)
        self._visit_body(tree.body, self.module)
        for occ in self.occurrences:
            occ.symbol = self._resolve(occ.scope, occ.name)
        # `[x := x for x in xs]` is a SyntaxError: a walrus target named like a for-target of a comprehension it is in
        self.walrus_on_comp_var = {occ.symbol for occ, comps in self._walruses
                                   if any("compfor" in c.bindings.get(occ.name, ()) for c in comps)}

    # construction
    def _new_scope(self, kind, parent, node):
        s = Scope(kind, parent, len(self.scopes), node)
        self.scopes.append(s)
        return s

    def _occ(self, name, scope, kind, setter=None, node=None, how=None):
        o = Occurrence(name, scope, kind, setter, node, how)
        self.occurrences.append(o)
        return o

    def _visit_body(self, stmts, scope):
        for s in stmts:
            self._visit(s, scope)

    def _visit_list(self, nodes, scope):
        for n in nodes:
            if n is not None:
                self._visit(n, scope)

    def _name_setter(self, node):
        def set_(new):
            node.id = new
        return set_

    def _attr_setter(self, node, field):
        def set_(new):
            setattr(node, field, new)
        return set_

    def _list_setter(self, lst, i):
        def set_(new):
            lst[i] = new
        return set_

    def _target(self, t, scope, how):
        if isinstance(t, ast.Name):
            scope.bind(t.id, how)
            self._occ(t.id, scope, "name", self._name_setter(t), t, how)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self._target(e, scope, how)
        elif isinstance(t, ast.Starred):
            self._target(t.value, scope, how)
        else:
            self._visit(t, scope)

    def _arguments(self, args, outer, inner):
        self._visit_list(args.defaults, outer)
        self._visit_list(args.kw_defaults, outer)
        all_args = args.posonlyargs + args.args + ([args.vararg] if args.vararg else []) + args.kwonlyargs + (
            [args.kwarg] if args.kwarg else [])
        for a in all_args:
            if a.annotation is not None:
                self._visit(a.annotation, outer)
        for a in all_args:
            inner.bind(a.arg, "param")
            self._occ(a.arg, inner, "arg", self._attr_setter(a, "arg"), a, "param")

    def _visit(self, node, scope):
        if isinstance(node, FUNC_TYPES):
            self._visit_list(node.decorator_list, scope)
            inner = self._new_scope("function", scope, node)
            self._arguments(node.args, scope, inner)
            if node.returns is not None:
                self._visit(node.returns, scope)
            scope.bind(node.name, "def")
            self._occ(node.name, scope, "def", self._attr_setter(node, "name"), node, "def")
            self._visit_body(node.body, inner)
        elif isinstance(node, ast.Lambda):
            inner = self._new_scope("lambda", scope, node)
            self._arguments(node.args, scope, inner)
            self._visit(node.body, inner)
        elif isinstance(node, ast.ClassDef):
            self._visit_list(node.decorator_list, scope)
            self._visit_list(node.bases, scope)
            self._visit_list([k.value for k in node.keywords], scope)
            scope.bind(node.name, "def")
            self._occ(node.name, scope, "def", self._attr_setter(node, "name"), node, "def")
            inner = self._new_scope("class", scope, node)
            self._visit_body(node.body, inner)
        elif isinstance(node, COMP_NODES):
            gens = node.generators
            self._visit(gens[0].iter, scope)
            inner = self._new_scope("comprehension", scope, node)
            for i, g in enumerate(gens):
                if i > 0:
                    self._visit(g.iter, inner)
                self._target(g.target, inner, "compfor")
                self._visit_list(g.ifs, inner)
            if isinstance(node, ast.DictComp):
                self._visit(node.key, inner)
                self._visit(node.value, inner)
            else:
                self._visit(node.elt, inner)
        elif isinstance(node, ast.NamedExpr):
            self._visit(node.value, scope)
            target_scope, comps = scope, []
            while target_scope.kind == "comprehension":
                comps.append(target_scope)
                target_scope = target_scope.parent
            t = node.target
            target_scope.bind(t.id, "walrus")
            occ = self._occ(t.id, target_scope, "name", self._name_setter(t), t, "walrus")
            if comps:
                self._walruses.append((occ, comps))
        elif isinstance(node, ast.Name):
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                how = "del" if isinstance(node.ctx, ast.Del) else "assign"
                scope.bind(node.id, how)
                self._occ(node.id, scope, "name", self._name_setter(node), node, how)
            else:
                self._occ(node.id, scope, "name", self._name_setter(node), node, None)
        elif isinstance(node, ast.Assign):
            self._visit(node.value, scope)
            for t in node.targets:
                self._target(t, scope, "assign")
        elif isinstance(node, ast.AugAssign):
            self._visit(node.value, scope)
            self._target(node.target, scope, "augassign")
        elif isinstance(node, ast.AnnAssign):
            self._visit(node.annotation, scope)
            if node.value is not None:
                self._visit(node.value, scope)
            self._target(node.target, scope, "annassign")
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._visit(node.iter, scope)
            self._target(node.target, scope, "for")
            self._visit_body(node.body, scope)
            self._visit_body(node.orelse, scope)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                self._visit(item.context_expr, scope)
                if item.optional_vars is not None:
                    self._target(item.optional_vars, scope, "with")
            self._visit_body(node.body, scope)
        elif isinstance(node, ast.Delete):
            for t in node.targets:
                self._target(t, scope, "del")
        elif isinstance(node, ast.ExceptHandler):
            if node.type is not None:
                self._visit(node.type, scope)
            if node.name:
                scope.bind(node.name, "except")
                self._occ(node.name, scope, "except", self._attr_setter(node, "name"), node, "except")
            self._visit_body(node.body, scope)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for al in node.names:
                if al.name == "*":
                    continue
                self.other_identifiers.update(al.name.split("."))
                if al.asname:
                    self.other_identifiers.add(al.asname)
                bound = al.asname or al.name.split(".")[0]
                scope.bind(bound, "import")
                self._occ(bound, scope, "import", None, al, "import")
        elif isinstance(node, ast.Global):
            for i, n in enumerate(node.names):
                if "ren-global" in self.ignore and scope.kind != "module":
                    scope.bind(n, "assign")
                    self._occ(n, scope, "global", self._list_setter(node.names, i), node, "assign")
                else:
                    scope.globals.add(n)
                    self.declared.add(n)
                    self._occ(n, scope, "global", None, node, None)
        elif isinstance(node, ast.Nonlocal):
            for i, n in enumerate(node.names):
                scope.nonlocals.add(n)
                if "ren-nonlocal" in self.ignore:
                    self._occ(n, scope, "nonlocal", self._list_setter(node.names, i), node, None)
                else:
                    self.declared.add(n)
                    self._occ(n, scope, "nonlocal", None, node, None)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)):
            if isinstance(node, ast.MatchAs) and node.pattern is not None:
                self._visit(node.pattern, scope)
            if node.name:
                scope.bind(node.name, "match")
                self._occ(node.name, scope, "match", None, node, "match")
        elif isinstance(node, ast.MatchMapping):
            self._visit_list(node.keys, scope)
            self._visit_list(node.patterns, scope)
            if node.rest:
                scope.bind(node.rest, "match")
                self._occ(node.rest, scope, "match", None, node, "match")
        elif isinstance(node, ast.MatchClass):
            self._visit(node.cls, scope)
            self._visit_list(node.patterns, scope)
            self.other_identifiers.update(node.kwd_attrs)
            self._visit_list(node.kwd_patterns, scope)
        else:
            for field, value in ast.iter_fields(node):
                if isinstance(value, list):
                    for v in value:
                        if isinstance(v, ast.AST):
                            self._visit(v, scope)
                elif isinstance(value, ast.AST):
                    self._visit(value, scope)

    # resolution
    def _resolve(self, scope, name):
        """(scope owning the name, name); the module scope stands for globals and builtins."""
        if name in scope.globals:
            return (self.module.index, name)
        if name in scope.nonlocals:
            p = scope.parent
            while p is not None and p.kind != "module":
                if p.kind in ("function", "lambda") and name in p.bindings and name not in p.globals:
                    if name in p.nonlocals:
                        return self._resolve(p, name)
                    return (p.index, name)
                p = p.parent
            return (self.module.index, name)
        if scope.kind == "module":
            return (self.module.index, name)
        if name in scope.bindings:
            return (scope.index, name)
        p = scope.parent
        while p is not None:
            if p.kind == "class":
                p = p.parent
                continue
            if p.kind == "module":
                return (self.module.index, name)
            if name in p.globals:
                return (self.module.index, name)
            if name in p.nonlocals:
                return self._resolve(p, name)
            if name in p.bindings:
                return (p.index, name)
            p = p.parent
        return (self.module.index, name)

    # the rule
    def renameable(self, source=None):
        """Symbols (scope index, name) the renames rule canonicalizes, with the reason others are not.
        source: the analysis of the version as written, when this tree is that version after the
        docstring and annotation rules; a name is unique only if it is unique in the source too."""
        by_symbol = {}
        for occ in self.occurrences:
            by_symbol.setdefault(occ.symbol, []).append(occ)
        by_name = {}
        for occ in self.occurrences + (source.occurrences if source else []):
            by_name.setdefault(occ.name, set()).add(occ.symbol)
        other_identifiers = self.other_identifiers | (source.other_identifiers if source else set())
        in_strings = source.string_words if source else self.string_words
        allowed = set(PLAIN_BINDINGS)
        if "ren-params" in self.ignore:
            allowed.add("param")
        if "ren-def" in self.ignore:
            allowed.add("def")
        def plain_local(symbol):
            si, name = symbol
            scope = self.scopes[si]
            return (scope.kind in ("function", "lambda", "comprehension") and name in scope.bindings
                    and scope.bindings[name] <= allowed and name not in self.declared)

        result, why_not = set(), {}
        for (si, name), occs in by_symbol.items():
            scope = self.scopes[si]
            if scope.kind not in ("function", "lambda", "comprehension") or name not in scope.bindings:
                continue
            kinds = scope.bindings[name]
            if not kinds <= allowed:
                why_not[(si, name)] = "bound as " + "/".join(sorted(kinds - allowed))
                continue
            if name in self.declared:
                why_not[(si, name)] = "declared global or nonlocal"
                continue
            if name.startswith("__") and "ren-dunder" not in self.ignore:
                why_not[(si, name)] = "starts with __"
                continue
            if name in in_strings and "ren-string-word" not in self.ignore:
                why_not[(si, name)] = "named in a string literal"
                continue
            if (si, name) in self.walrus_on_comp_var and "ren-walrus-compvar" not in self.ignore:
                why_not[(si, name)] = "walrus target named like a comprehension's for-target"
                continue
            # another plain local of the same name (in another scope) is no collision: each symbol gets its own
            # placeholder, and a shadowing that changes what a read resolves to changes the canonical tree
            shared = any(symbol != (si, name) and not plain_local(symbol) for symbol in by_name[name])
            if "ren-collision" not in self.ignore and (shared or name in other_identifiers):
                why_not[(si, name)] = "name shared with another identifier"
                continue
            if "ren-classbody" not in self.ignore and any(o.scope.kind == "class" for o in occs):
                why_not[(si, name)] = "read from a class body"
                continue
            result.add((si, name))
        return result, why_not

    def canonicalize(self, source=None):
        chosen, _ = self.renameable(source)
        numbers, per_scope = {}, {}
        for occ in self.occurrences:
            if occ.symbol in chosen and occ.symbol not in numbers:
                si = occ.symbol[0]
                numbers[occ.symbol] = per_scope.get(si, 0)
                per_scope[si] = numbers[occ.symbol] + 1
        for occ in self.occurrences:
            if occ.symbol in numbers and occ.setter is not None:
                occ.setter("%%v%d_%d" % (occ.symbol[0], numbers[occ.symbol]))
        return len(numbers)


def canonicalize_renames(tree, ignore=frozenset(), source_tree=None):
    source = ScopeAnalysis(source_tree, ignore) if source_tree is not None else None
    return ScopeAnalysis(tree, ignore).canonicalize(source)


# --- the oracle --------------------------------------------------------------------------

def dump(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            node.kind = None
    return ast.dump(tree)


def parse(src):
    try:
        return ast.parse(src)
    except (SyntaxError, ValueError):
        return None


def compiles(src):
    """ast.parse accepts some texts the compiler rejects (`x: int` after `global x`, `return` at module level)."""
    try:
        compile(src, "<pair>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def enabled_rules(old_src, new_src, a, b, ignore=frozenset()):
    """{rule: None (on) or the reason it is off} over both versions."""
    state = {}
    reason = doc_blocker(a) or doc_blocker(b)
    state["docstrings"] = None if (reason is None or "doc-blockers" in ignore) else reason
    reason = ann_blocker(a) or ann_blocker(b)
    if reason is None and future_annotations(a) != future_annotations(b) and "ann-future" not in ignore:
        reason = "from __future__ import annotations in one version only"
    state["annotations"] = None if (reason is None or ("ann-blockers" in ignore and reason.startswith("mentions"))) else reason
    reason = ren_blocker(a, old_src) or ren_blocker(b, new_src)
    state["renames"] = None if (reason is None or "ren-blockers" in ignore) else reason
    return state


def transformed_dump(tree, rules, ignore):
    """Every condition is read from the version as written (tree); the rules rewrite a copy, in RULE_ORDER."""
    t = copy.deepcopy(tree)
    if "docstrings" in rules:
        strip_docstrings(t, ignore, tree)
    if "annotations" in rules:
        strip_annotations(t, ignore, tree)
    if "renames" in rules:
        canonicalize_renames(t, ignore, tree)
    return dump(t)


def oracle(old_src, new_src, ignore=frozenset()):
    """{'ruleEqual': bool, 'rules': [...], 'blocked': str}"""
    a, b = parse(old_src), parse(new_src)
    if a is None or b is None or ("compile" not in ignore and (not compiles(old_src) or not compiles(new_src))):
        return {"ruleEqual": False, "rules": [], "blocked": ""}
    state = enabled_rules(old_src, new_src, a, b, ignore)
    blocked = "; ".join("%s: %s" % (r, state[r]) for r in RULE_ORDER if state[r])
    if dump(copy.deepcopy(a)) == dump(copy.deepcopy(b)):
        return {"ruleEqual": True, "rules": [], "blocked": blocked}
    on = [r for r in RULE_ORDER if state[r] is None]
    # the smallest subset of the enabled rules (applied in RULE_ORDER) that makes the trees equal; a subset is
    # tried, not only the full set, because renames is not monotone: a word that a docstring edit adds keeps a
    # variable of that name as it is in one version only
    for size in range(1, len(on) + 1):
        for subset in itertools.combinations(on, size):
            if transformed_dump(a, subset, ignore) == transformed_dump(b, subset, ignore):
                return {"ruleEqual": True, "rules": list(subset), "blocked": blocked}
    return {"ruleEqual": False, "rules": [], "blocked": blocked}


def full_set_equal(old_src, new_src):
    """Whether all enabled rules at once make the pair equal (for the summary: pairs equal only under a subset)."""
    a, b = parse(old_src), parse(new_src)
    state = enabled_rules(old_src, new_src, a, b)
    on = [r for r in RULE_ORDER if state[r] is None]
    return transformed_dump(a, on, frozenset()) == transformed_dump(b, on, frozenset())


# --- source editing ----------------------------------------------------------------------

BUILTIN_NAMES = set(dir(builtins))


class Text:
    """Character positions for ast nodes (ast columns are UTF-8 byte offsets)."""

    def __init__(self, src):
        self.src = src
        self.lines = src.splitlines(keepends=True)
        self.starts = make_corpus.offsets(src)

    def pos(self, lineno, col):
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "ignore"))

    def span(self, node):
        return self.pos(node.lineno, node.col_offset), self.pos(node.end_lineno, node.end_col_offset)

    def line_start(self, lineno):
        return self.starts[lineno - 1]

    def indent_of(self, lineno):
        line = self.lines[lineno - 1]
        return line[: len(line) - len(line.lstrip())]


def apply_edits(src, edits):
    edits = sorted(edits, key=lambda e: (e[0], e[1]))
    for (a1, b1, _), (a2, b2, _) in zip(edits, edits[1:]):
        if a2 < b1:
            return None
    for a, b, text in reversed(edits):
        src = src[:a] + text + src[b:]
    return src


def name_tokens(src):
    """The identifiers of src and the words inside its string literals: a new name must avoid both."""
    words = {t.string for t in make_corpus.tokens(src) if t.type == tokenize.NAME}
    tree = parse(src)
    return words | (string_words(tree) if tree is not None else set())


SYNONYMS = {
    "total": ["subtotal", "running_total", "acc"], "result": ["outcome", "res"], "results": ["outputs", "collected"],
    "text": ["body", "content"], "value": ["val", "amount"], "values": ["numbers", "vals"], "item": ["entry", "element"],
    "items": ["entries", "elements"], "key": ["item_key", "k"], "count": ["n_items", "tally"], "counts": ["tallies", "freq"],
    "line": ["row_text", "ln"], "lines": ["rows_out", "out_lines"], "chunk": ["piece", "part"], "chunks": ["pieces", "parts"],
    "idea": ["candidate", "entry"], "ideas": ["candidates", "found"], "score": ["rating", "points"], "scores": ["ratings", "marks"],
    "name": ["label", "field_name"], "prompt": ["request_text", "query"], "answer": ["reply", "response_json"],
    "response": ["resp", "reply"], "data": ["payload", "blob"], "match": ["hit", "found"], "m": ["hit", "mt"],
    "i": ["idx", "pos"], "j": ["jdx", "col"], "k": ["key_", "kk"], "n": ["size_", "num"], "x": ["elem", "node"],
    "s": ["string", "raw"], "e": ["ent", "rec_"], "error": ["err", "failure"], "exc": ["err", "problem"],
    "handle": ["fh", "stream"], "out": ["sink", "target"], "merged": ["combined", "joined"], "unique": ["distinct", "kept_items"],
    "seen": ["visited", "known"], "kept": ["selected", "retained"], "rows": ["records", "entries"], "row": ["record", "rec"],
    "word": ["term", "token"], "words": ["terms", "word_list"], "start": ["begin", "offset"], "end": ["stop", "limit_"],
    "now": ["current_time", "t_now"], "delay": ["pause", "wait_for"], "elapsed": ["took", "duration"],
    "label": ["tag", "verdict"], "handler": ["parser_fn", "fn"], "kind": ["category", "doc_kind"], "sql": ["query", "statement"],
    "params": ["args_list", "bindings"], "clauses": ["conditions", "parts"], "number": ["qty", "amount"], "unit": ["suffix", "scale"],
    "factor": ["multiplier", "mult"], "ranked": ["ordered", "by_score"], "header": ["title_line", "heading"],
    "config": ["settings", "conf"], "raw": ["loaded", "parsed"], "payload": ["body", "message"], "status": ["code", "http_status"],
    "span": ["width", "range_"], "lo": ["low", "minimum"], "hi": ["high", "maximum"], "tags": ["labels", "tag_text"],
    "parts": ["pieces", "segments"], "links": ["urls", "hrefs"], "url": ["href", "link"], "model": ["engine", "model_name"],
    "verdict": ["judgement", "outcome"], "it": ["iterator", "stream"], "elem": ["element", "nxt"], "edge": ["cut", "bound"],
    "user": ["local_part", "account"], "domain": ["host", "site"], "total_weight": ["weight_sum", "denominator_"],
    "entry": ["record", "item_"], "ranked_items": ["ordered", "ranking"], "body": ["text_body", "content"],
    "reply": ["answer", "completion"], "extra": ["added", "enrichment"], "cleaned": ["tidied", "normalized_"],
    "vector": ["embedding", "vec"], "norm": ["length", "magnitude"], "missing": ["absent", "unfilled"],
    "index": ["slot", "bucket_index"], "means": ["averages", "running"], "groups": ["by_source", "buckets"],
    "source": ["origin", "src_name"], "sizes": ["lengths", "group_sizes"], "largest": ["biggest", "top_source"],
    "common": ["frequent", "top_words"], "tokens": ["toks", "terms"], "batch": ["bucket", "pending"],
    "found": ["hit", "mo"], "pattern": ["regex", "pat"], "cleaned_rows": ["valid_rows", "good"], "dot": ["product", "inner"],
    "best": ["top", "leaders"], "client": ["conn", "api"], "previous": ["before", "old_count"], "severity": ["level", "impact"],
    "share": ["fraction", "ratio"], "deadline": ["due", "cutoff"], "overrun": ["late_by", "excess"], "titles": ["names", "labels"],
    "scored": ["rated", "pairs"], "record": ["parsed", "obj"], "stats": ["summary", "windows"], "mean": ["avg", "centre"],
    "spread": ["width", "range_size"], "rate": ["speed", "per_second"], "done": ["finished", "processed"],
    "candidate": ["title", "option"], "normalized": ["folded", "key_text"], "bar": ["meter", "gauge"], "width": ["pad", "col_width"],
    "index_": ["slot", "pos"], "current": ["value", "state"], "started": ["t0", "begin_at"], "stream": ["source", "feed"],
    "handled": ["ok_count", "processed"], "failures": ["errors", "failed"], "problem": ["err", "failure"], "message": ["msg", "event"],
    "semaphore": ["gate", "limiter_"], "pages": ["bodies", "html_by_url"], "left": ["a_vec", "first"], "right": ["b_vec", "second"],
    "numerator": ["weighted", "top"], "denominator": ["norm_", "bottom"], "term": ["word", "token"], "ids": ["doc_ids", "members"],
    "keep_words": ["allowed", "ok_words"], "banned": ["blocked", "stop_set"], "state": ["status", "outcome"],
    "_": ["unused", "ignored"], "p": ["part", "piece"], "w": ["word", "tok"], "r": ["row", "rec"], "v": ["val", "score_"],
    "t": ["tok", "term"], "u": ["link", "url_"], "a": ["x_val", "first"], "b": ["y_val", "second"], "d": ["part", "detail"],
    "c": ["col", "column"], "kv": ["pair", "item_pair"], "ln": ["line_", "txt"], "_MODEL_CACHE": ["_CLIENTS", "_LOADED_MODELS"],
    "FAILURES": ["RECENT_FAILURES", "ERRORS"], "processed_count": ["items_done", "done_count"], "last_error": ["latest_error", "error_seen"],
    "_seen_keys": ["_known_keys", "_visited"], "threshold": ["cutoff", "min_score"], "timeout": ["deadline_s", "wait_s"],
    "title": ["heading", "name_"], "sort_keys": ["ordered", "sorted_keys"], "encoding": ["charset", "codec"],
    "model": ["engine", "model_name"], "temperature": ["temp", "heat"], "max_tokens": ["token_limit", "budget"],
    "headers": ["http_headers", "hdrs"], "errors": ["on_error", "error_mode"], "reverse": ["descending", "desc"],
    "key_": ["sort_key", "keyfunc"], "default": ["fallback", "otherwise"], "start_": ["first_index", "begin"],
    "calls": ["n_calls", "call_count"], "totals": ["sums", "by_key"], "last_call": ["previous_call", "last_run"],
    "primary": ["pk", "key_column"], "prompt_prefix": ["preamble", "system_text"], "accepted": ["submitted", "queued"],
    "receipt": ["ack", "ticket"], "fresh": ["is_new", "unseen"], "region": ["area", "zone_name"], "defaults": ["base", "fallbacks"],
    "increment": ["bump", "step_up"], "keep": ["accept", "wanted"], "decorate": ["decorator", "wrap"], "wrapper": ["inner", "wrapped"],
    "fetch_one": ["get_one", "load_one"], "report": ["tick", "progress"], "add": ["record", "put"], "snapshot": ["dump", "view"],
    "should_run": ["may_run", "ready"], "last": ["previous", "last_error_"], "attempt": ["try_no", "round_"],
}


def fresh_name(old, taken, rnd):
    synonyms = list(SYNONYMS.get(old, []))
    rnd.shuffle(synonyms)
    stem = old.strip("_") or "unused"
    if stem.isupper():
        fallbacks = [("_" if old.startswith("_") else "") + stem + suffix for suffix in ("_ALL", "_STATE", "_2")]
    else:
        fallbacks = ["current_" + stem, stem + "_value", stem + "_2", "tmp_" + stem]
    for cand in synonyms + fallbacks:
        if cand.isidentifier() and not keyword.iskeyword(cand) and cand not in taken and cand not in BUILTIN_NAMES:
            return cand
    return None


def occurrence_span(text, occ):
    """(start, end) of the identifier this occurrence spells, or None."""
    node, name = occ.node, occ.name
    if occ.kind == "name":
        a, b = text.span(node)
    elif occ.kind == "arg":
        a = text.pos(node.lineno, node.col_offset)
        b = a + len(name)
    elif occ.kind in ("except", "def", "global", "nonlocal"):
        a0 = text.pos(node.lineno, node.col_offset)
        if occ.kind == "except":
            b0 = text.pos(node.body[0].lineno, node.body[0].col_offset)
            pattern = r"\bas\s+(%s)\b" % re.escape(name)
        elif occ.kind == "def":
            b0 = text.pos(node.body[0].lineno, node.body[0].col_offset)
            pattern = r"\b(?:def|class)\s+(%s)\b" % re.escape(name)
        else:
            b0 = text.pos(node.end_lineno, node.end_col_offset)
            pattern = r"(?<![\w.])(%s)\b" % re.escape(name)
        found = list(re.finditer(pattern, text.src[a0:b0]))
        if not found:
            return None
        m = found[-1] if occ.kind == "except" else found[0]
        a, b = a0 + m.start(1), a0 + m.end(1)
    else:
        return None
    return (a, b) if text.src[a:b] == name else None


def rename_symbols(src, analysis, mapping, skip=()):
    """Rewrite every occurrence of each symbol in mapping {symbol: new name}; None when a span is not found."""
    text = Text(src)
    edits = []
    for idx, occ in enumerate(analysis.occurrences):
        if occ.symbol in mapping and idx not in skip:
            span = occurrence_span(text, occ)
            if span is None:
                return None
            edits.append((span[0], span[1], mapping[occ.symbol]))
    if not edits:
        return None
    return apply_edits(src, edits)


def symbol_occurrences(analysis):
    out = {}
    for i, occ in enumerate(analysis.occurrences):
        out.setdefault(occ.symbol, []).append(i)
    return out


def enclosing_function_scope(analysis, scope):
    while scope is not None and scope.kind not in ("function",):
        scope = scope.parent
    return scope


def scope_descends(scope, ancestor):
    while scope is not None:
        if scope is ancestor:
            return True
        scope = scope.parent
    return False


# --- docstring edits ---------------------------------------------------------------------

DOC_TEMPLATES = [
    "Return the {w} for one item.",
    "Compute {w} for the pipeline.",
    "{W}: a helper of the scoring stage.",
    "Helper for {w}; pure, no I/O.",
    "{W} (see docs/stages.md).",
    "Build the {w} used downstream.",
]
DOC_DETAILS = [
    "Inputs are trusted: the fetch stage already validated them.",
    "The result is cached by the caller, so keep this cheap.",
    "Raises ValueError when the input is malformed.",
    "Kept small on purpose; the heavy lifting lives in the model call.",
    "Returns None when there is nothing to do.",
]


def words_of(name):
    w = name.strip("_").replace("_", " ")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", w).lower() or "module"


MODULE_DOC_TEMPLATES = [
    "Pipeline stage code for {w}.",
    "Helpers of the {w} step.",
    "{W}: one stage of the idea pipeline.",
    "Stage module ({w}); imported by the worker.",
]


def doc_text(name, rnd, avoid=None):
    for _ in range(10):
        w = words_of(name)
        templates = DOC_TEMPLATES
        if name.startswith("module:"):
            w, templates = words_of(name[len("module:"):]), MODULE_DOC_TEMPLATES
        t = rnd.choice(templates).format(w=w, W=w[:1].upper() + w[1:])
        if t != avoid:
            return t
    return t + " Updated."


def reword(text, rnd):
    choice = rnd.randrange(4)
    first = text.strip().splitlines()[0] if text.strip() else "Helper."
    if choice == 0:
        return first.rstrip(".") + ", then return it."
    if choice == 1:
        return first + " " + rnd.choice(DOC_DETAILS)
    if choice == 2:
        return re.sub(r"^\w+", lambda m: {"Return": "Give back", "Compute": "Work out", "Build": "Assemble"}.get(m.group(0), "Quickly " + m.group(0).lower()), first)
    return first.replace("the ", "each ", 1) if "the " in first else first.rstrip(".") + " (reworded)."


def doc_literal(text, indent, style):
    """style: one, multi, single, concat"""
    if style == "multi":
        parts = text.split(". ", 1)
        head = parts[0].rstrip(".") + "."
        tail = parts[1] if len(parts) > 1 else DOC_DETAILS[len(text) % len(DOC_DETAILS)]
        return '"""' + head + "\n\n" + indent + tail + "\n" + indent + '"""'
    if style == "single":
        return '"' + text + '"'
    if style == "concat":
        cut = text.find(" ", len(text) // 2)
        cut = cut if cut > 0 else len(text) // 2
        return '("' + text[:cut] + '"\n' + indent + ' "' + text[cut:] + '")'
    return '"""' + text + '"""'


def doc_owners(tree, text, which):
    """Bodies that can hold a docstring on a line of its own: module, class, def (which selects)."""
    out = []
    if "module" in which and tree.body:
        out.append(tree)
    for node in ast.walk(tree):
        kind = "class" if isinstance(node, ast.ClassDef) else "def" if isinstance(node, FUNC_TYPES) else None
        if kind is None or kind not in which:
            continue
        first = node.body[0]
        if first.lineno <= node.lineno:
            continue
        line = text.lines[first.lineno - 1]
        if line[: text.pos(first.lineno, first.col_offset) - text.line_start(first.lineno)].strip():
            continue
        out.append(node)
    return out


def docstring_of(owner):
    first = owner.body[0] if owner.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first
    return None


def docstring_like(owner):
    """The first statement when it is a string, bytes or f-string expression (what set_docstring replaces)."""
    first = owner.body[0] if owner.body else None
    if isinstance(first, ast.Expr) and (isinstance(first.value, ast.JoinedStr) or (
            isinstance(first.value, ast.Constant) and isinstance(first.value.value, (str, bytes)))):
        return first
    return None


def stmt_first_line(stmt):
    return min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])


def owner_name(owner):
    if isinstance(owner, ast.Module):
        names = [s.name for s in owner.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        return "module:" + (names[0] if names else "prompts")
    return owner.name


def body_indent(text, owner):
    if isinstance(owner, ast.Module):
        return ""
    return text.indent_of(owner.body[0].lineno)


def set_docstring(src, owner, literal):
    """Replace the owner's docstring with literal, or insert one."""
    text = Text(src)
    doc = docstring_like(owner)
    if doc is not None:
        a, b = text.span(doc.value)
        return apply_edits(src, [(a, b, literal)])
    first = owner.body[0]
    indent = body_indent(text, owner)
    at = text.line_start(stmt_first_line(first)) if not isinstance(owner, ast.Module) else 0
    extra = "\n" if isinstance(owner, (ast.Module, ast.ClassDef)) else ""
    return apply_edits(src, [(at, at, indent + literal + "\n" + extra)])


def remove_docstring(src, owner):
    text = Text(src)
    doc = docstring_of(owner)
    if doc is None or len(owner.body) < 2:
        return None
    a = text.line_start(doc.lineno)
    if text.src[a:text.pos(doc.lineno, doc.col_offset)].strip():
        return None
    end_line = doc.end_lineno
    rest = text.lines[end_line - 1][text.pos(end_line, doc.end_col_offset) - text.line_start(end_line):]
    if rest.strip() and not rest.strip().startswith("#"):
        return None
    b = text.starts[end_line]
    if end_line < len(text.lines) and not text.lines[end_line].strip():
        b = text.starts[end_line + 1]  # the blank line after a class or module docstring
    return apply_edits(src, [(a, b, "")])


def pick_owner(src, rnd, which, has_doc=None):
    tree = parse(src)
    if tree is None:
        return None, None
    owners = doc_owners(tree, Text(src), which)
    if has_doc is not None:
        owners = [o for o in owners if (docstring_of(o) is not None) == has_doc]
    if not owners:
        return tree, None
    return tree, rnd.choice(owners)


def new_doc_for(src, owner, rnd, style=None, avoid=None):
    text = Text(src)
    style = style or rnd.choice(["one", "one", "one", "multi", "single"])
    return doc_literal(doc_text(owner_name(owner), rnd, avoid), body_indent(text, owner), style)


def with_docstring(src, rnd, which):
    """src where some owner of `which` has a docstring (added when none has one), and that owner's path."""
    tree, owner = pick_owner(src, rnd, which, has_doc=True)
    if owner is not None:
        return src, owner_path(tree, owner)
    tree, owner = pick_owner(src, rnd, which)
    if owner is None:
        return None, None
    path = owner_path(tree, owner)
    out = set_docstring(src, owner, new_doc_for(src, owner, rnd, "one"))
    return out, path


def owner_path(tree, owner):
    """A stable way to find the same owner after an edit: its index in ast.walk order among owners."""
    if isinstance(owner, ast.Module):
        return -1
    nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return nodes.index(owner)


def find_owner(tree, path):
    if path == -1:
        return tree
    nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return nodes[path] if path < len(nodes) else None


def reword_docstring(src, path, rnd, style=None):
    tree = parse(src)
    owner = find_owner(tree, path)
    doc = docstring_of(owner)
    text = Text(src)
    new_text = reword(doc.value.value, rnd)
    if style is None:
        style = "multi" if "\n" in doc.value.value else "single" if text.src[text.span(doc.value)[0]] == '"' and text.src[text.span(doc.value)[0]:text.span(doc.value)[0] + 3] != '"""' else "one"
    return set_docstring(src, owner, doc_literal(new_text, body_indent(text, owner), style))


def gen_doc_changed(which, style=None):
    def gen(src, rnd):
        old, path = with_docstring(src, rnd, which)
        if old is None:
            return None
        return old, reword_docstring(old, path, rnd, style)
    return gen


def gen_doc_added(which):
    def gen(src, rnd):
        tree, owner = pick_owner(src, rnd, which, has_doc=False)
        if owner is not None:
            return src, set_docstring(src, owner, new_doc_for(src, owner, rnd))
        tree, owner = pick_owner(src, rnd, which, has_doc=True)
        if owner is None:
            return None
        old = remove_docstring(src, owner)
        return (old, src) if old else None
    return gen


def gen_doc_removed(which):
    def gen(src, rnd):
        pair = gen_doc_added(which)(src, rnd)
        return (pair[1], pair[0]) if pair else None
    return gen


def gen_doc_concatenated(src, rnd):
    old, path = with_docstring(src, rnd, ("def", "class"))
    if old is None:
        return None
    return old, reword_docstring(old, path, rnd, "concat")


# adversarial docstring edits ------------------------------------------------------------------

def top_level_names(tree):
    return [s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def append_module_line(src, line):
    return src.rstrip("\n") + "\n\n" + line + "\n"


def doc_reader_line(kind, name, rnd):
    return {
        "dunder-doc": rnd.choice(["DESCRIPTION = ({n}.__doc__ or \"\").strip()", "{n}.__doc__ = ({n}.__doc__ or \"\").format(model=MODEL)",
                                  "parser = argparse.ArgumentParser(description=__doc__)"]),
        "getattr-doc": "HELP_TEXT = getattr({n}, \"__doc__\", None) or \"\"",
        "inspect-getdoc": "USAGE = inspect.getdoc({n})",
        "pydoc": "MANUAL = pydoc.render_doc({n}, renderer=pydoc.plaintext)",
        "doctest": "if __name__ == \"__main__\":\n    doctest.run_docstring_examples({n}, globals())",
        "help": "if __name__ == \"__main__\":\n    help({n})",
    }[kind].format(n=name)


def gen_doc_reader(kind):
    def gen(src, rnd):
        tree = parse(src)
        names = top_level_names(tree)
        if not names:
            return None
        base = append_module_line(src, doc_reader_line(kind, rnd.choice(names), rnd))
        edit = rnd.choice([gen_doc_changed(("def", "class")), gen_doc_added(("def", "class", "module"))])
        pair = edit(base, rnd)
        return (pair[0], pair[1], [{"doc-blockers"}]) if pair else None
    return gen


def to_fstring_doc(src, owner, text_value, rnd):
    text = Text(src)
    placeholder = rnd.choice(["{MODEL}", "{__name__}", "{VERSION}", "{len(STOPWORDS)}"])
    literal = 'f"""' + text_value.rstrip(".") + " (" + placeholder + ')."""'
    return set_docstring(src, owner, literal)


def gen_doc_fstring(src, rnd):
    tree, owner = pick_owner(src, rnd, ("def", "class"))
    if owner is None:
        return None
    path = owner_path(tree, owner)
    if rnd.random() < 0.5:
        old = to_fstring_doc(src, owner, doc_text(owner_name(owner), rnd), rnd)
        new = to_fstring_doc(src, owner, doc_text(owner_name(owner), rnd, avoid=None) + " " + rnd.choice(DOC_DETAILS), rnd)
    else:
        old, path = with_docstring(src, rnd, ("def", "class"))
        if old is None:
            return None
        owner = find_owner(parse(old), path)
        new = to_fstring_doc(old, owner, owner.body[0].value.value, rnd)
    return old, new, [{"doc-fstring"}]


def gen_doc_bytes(src, rnd):
    old, path = with_docstring(src, rnd, ("def", "class"))
    if old is None:
        return None
    owner = find_owner(parse(old), path)
    doc = docstring_of(owner)
    value = doc.value.value
    if not value.isascii() or "\\" in value:
        return None
    text = Text(old)
    if rnd.random() < 0.5:
        return old, set_docstring(old, owner, 'b"""' + value.strip().splitlines()[0] + '"""'), [{"doc-bytes"}]
    start = set_docstring(old, owner, 'b"""' + value.strip().splitlines()[0] + '"""')
    changed = set_docstring(start, find_owner(parse(start), path), 'b"""' + reword(value, rnd) + '"""')
    return start, changed, [{"doc-bytes"}]


def gen_doc_second_statement(src, rnd):
    old, path = with_docstring(src, rnd, ("def", "class", "module"))
    if old is None:
        return None
    tree = parse(old)
    owner = find_owner(tree, path)
    if len(owner.body) < 2:
        return None
    text = Text(old)
    second = owner.body[1]
    indent = body_indent(text, owner)
    at = text.line_start(stmt_first_line(second))
    note = rnd.choice(["Note: keep the prompt short.", "TODO: move the limits to config.", "Stage contract: pure function of its inputs."])
    note2 = reword(note, rnd)
    if rnd.random() < 0.5:
        base = apply_edits(old, [(at, at, indent + '"' + note + '"\n')])
        new = apply_edits(old, [(at, at, indent + '"' + note2 + '"\n')])
        return base, new, [{"doc-any-position"}]
    return old, apply_edits(old, [(at, at, indent + '"""' + note + '"""\n')]), [{"doc-any-position"}]


# --- annotation edits --------------------------------------------------------------------

NAME_TYPES = {}
for _names, _type in [
    ("text s url path prompt line html kind name item_key title fmt stage_name encoding model label pattern key_name", "str"),
    ("items rows ideas values seq iterable nested docs vectors samples titles patterns urls banned_words labels scores "
     "records stages streams entries chunks", "list"),
    ("pairs", "list[tuple[float, float]]"),
    ("data record item idea config filters stats env event a b context cached payload defaults", "dict"),
    ("n size limit top_n max_attempts attempt times capacity top k batch_size every total start max_chars overlap "
     "per_second ttl_seconds idea_id cost concurrency step width min_len min_length", "int"),
    ("threshold score value timeout delay cutoff floor refill_per_second bar", "float"),
    ("error", "Exception"), ("job", "Job"), ("stage", "str"), ("func handler", "Callable[..., Any]"),
    ("client", "Client"), ("queue", "asyncio.Queue"), ("tmp_path root", "Path"), ("raw", "bytes"),
    ("lower reverse strict dry_run", "bool"), ("edges", "tuple[float, ...]"), ("html_text", "str"),
]:
    for _n in _names.split():
        NAME_TYPES[_n] = _type


def guess_param_type(name, default):
    if isinstance(default, ast.Constant):
        v = default.value
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, int):
            return "int"
        if isinstance(v, float):
            return "float"
        if isinstance(v, str):
            return "str"
        if v is None:
            return "Optional[%s]" % NAME_TYPES.get(name, "Any")
    if isinstance(default, ast.Tuple):
        return "tuple"
    return NAME_TYPES.get(name, "Any")


ALT_TYPES = {"str": "Optional[str]", "int": "float", "float": "int | float", "list": "list[dict]", "dict": "dict[str, Any]",
             "Any": "object", "bool": "int", "list[dict]": "List[Dict[str, Any]]", "dict[str, Any]": "Mapping[str, Any]",
             "Exception": "BaseException", "tuple": "tuple[float, ...]", "Callable[..., Any]": "Callable[[dict], str]",
             "bytes": "bytes | bytearray", "Job": '"Job"', "Path": "pathlib.Path", "None": "NoReturn | None",
             "Iterator[Any]": "Generator[list, None, None]", "Client": '"Client"', "asyncio.Queue": "asyncio.Queue[Message]",
             "object": "Any", "tuple[float, ...]": "Tuple[float, float, float]", "list[tuple[float, float]]": "Sequence[Tuple[float, float]]"}


def alt_type(t):
    m = re.fullmatch(r"Optional\[(.+)\]", t)
    if m:
        return m.group(1) + " | None"
    m = re.fullmatch(r"(.+) \| None", t)
    if m:
        return "Optional[%s]" % m.group(1)
    if t in ALT_TYPES:
        return ALT_TYPES[t]
    m = re.fullmatch(r"(List|Dict|Tuple|Set)\[(.+)\]", t)
    if m:
        return m.group(1).lower() + "[" + m.group(2) + "]"
    return "Optional[%s]" % t


def func_list(tree):
    return [n for n in ast.walk(tree) if isinstance(n, FUNC_TYPES)]


def func_contexts(tree):
    """id(fn) -> (is_method, inside a decorated class, its name used by value in the unit)"""
    out = {}
    by_value = value_uses(tree)

    def visit(node, deco):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, deco or bool(child.decorator_list))
            elif isinstance(child, FUNC_TYPES):
                out[id(child)] = (isinstance(node, ast.ClassDef), deco, child.name in by_value)
                visit(child, deco)
            else:
                visit(child, deco)

    visit(tree, False)
    return out


def eligible(fn, ctx):
    return not fn.decorator_list and not ctx[1] and not ctx[2]


def outer_lines(tree):
    """(line, col) of a def -> first line of its outermost enclosing def/class (its own when it has none)."""
    out = {}

    def visit(node, line):
        for child in ast.iter_child_nodes(node):
            here = line
            if isinstance(child, (ast.ClassDef,) + FUNC_TYPES):
                here = line if line is not None else def_start_line(child)
                if isinstance(child, FUNC_TYPES):
                    out[(child.lineno, child.col_offset)] = here
            visit(child, here)

    visit(tree, None)
    return out


def droppable_annotation(tree, fn, e):
    """The parameter/return annotation e of fn is one the rule drops in this version (builtins, imports, future)."""
    return AnnotationEnv(tree).evaluable(e, outer_lines(tree)[(fn.lineno, fn.col_offset)])


# Types the annotation edits write. "fit": as guessed where the version can evaluate them at def time, else
# spelled with the listed builtins (or quoted); "builtin": always with the listed builtins; "raw": as guessed.
TYPE_MODE = ["fit"]


class type_mode:
    def __init__(self, mode):
        self.mode = mode

    def __enter__(self):
        TYPE_MODE.append(self.mode)

    def __exit__(self, *exc):
        TYPE_MODE.pop()


TYPING_TO_BUILTIN = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset",
                     "Type": "type", "Sequence": "list", "Iterable": "list", "Mapping": "dict", "MutableMapping": "dict",
                     "DefaultDict": "dict", "Counter": "dict", "defaultdict": "dict", "Path": "str", "Literal": "str"}


def to_builtin(e, ok):
    """The type expression e with every name outside ok spelled with the listed builtins."""
    if isinstance(e, ast.Name):
        return e if e.id in ok else ast.Name(id="str" if e.id == "Literal" else TYPING_TO_BUILTIN.get(e.id, "object"),
                                             ctx=ast.Load())
    if isinstance(e, ast.Attribute):
        return e if annotation_names(e) <= ok else ast.Name(id="object", ctx=ast.Load())
    if isinstance(e, ast.Subscript):
        if annotation_names(e.value) <= ok:
            return ast.Subscript(value=e.value, slice=to_builtin(e.slice, ok), ctx=ast.Load())
        base = e.value.id if isinstance(e.value, ast.Name) else None
        items = e.slice.elts if isinstance(e.slice, ast.Tuple) else [e.slice]
        if base == "Optional":
            return ast.BinOp(left=to_builtin(e.slice, ok), op=ast.BitOr(), right=ast.Constant(value=None))
        if base == "Union":
            out = to_builtin(items[0], ok)
            for x in items[1:]:
                out = ast.BinOp(left=out, op=ast.BitOr(), right=to_builtin(x, ok))
            return out
        if base == "Literal":
            return ast.Name(id="str", ctx=ast.Load())
        if base in TYPING_TO_BUILTIN:
            return ast.Subscript(value=ast.Name(id=TYPING_TO_BUILTIN[base], ctx=ast.Load()), slice=to_builtin(e.slice, ok),
                                 ctx=ast.Load())
        return ast.Name(id="object", ctx=ast.Load())
    if isinstance(e, (ast.Tuple, ast.List)):
        return type(e)(elts=[to_builtin(x, ok) for x in e.elts], ctx=ast.Load())
    if isinstance(e, ast.BinOp):
        return ast.BinOp(left=to_builtin(e.left, ok), op=e.op, right=to_builtin(e.right, ok))
    return e


def fit_type(tree, fn, t):
    """t as the current TYPE_MODE writes it for a parameter or return annotation of fn in tree."""
    mode = TYPE_MODE[-1]
    if mode == "raw" or t is None:
        return t
    try:
        e = ast.parse(t, mode="eval").body
    except SyntaxError:
        return t
    env = AnnotationEnv(tree)
    if mode == "fit":
        if env.future or not is_type_expr(e):
            return t
        line = outer_lines(tree)[(fn.lineno, fn.col_offset)]
        ok = ANN_BUILTINS | {name for l, name in env.imports if l < line}
    else:
        ok = set(ANN_BUILTINS)
    if annotation_names(e) <= ok:
        return t
    out = ast.unparse(to_builtin(e, ok))
    if out == "object" and t not in ("Any", "object") and '"' not in t and mode == "fit":
        return '"%s"' % t  # a forward reference: what one writes for a name the module cannot evaluate yet
    return out


def all_params(fn, ctx):
    """[(arg, default or None)] without a method's self/cls."""
    a = fn.args
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    out = list(zip(positional, defaults))
    if a.vararg:
        out.append((a.vararg, None))
    out += list(zip(a.kwonlyargs, a.kw_defaults))
    if a.kwarg:
        out.append((a.kwarg, None))
    if ctx[0] and positional and positional[0].arg in ("self", "cls"):
        out = [p for p in out if p[0] is not positional[0]]
    return out


def pick_function(src, rnd, want):
    tree = parse(src)
    if tree is None:
        return None, None
    ctxs = func_contexts(tree)
    funcs = func_list(tree)
    cands = [i for i, fn in enumerate(funcs) if want(fn, ctxs[id(fn)])]
    return (tree, rnd.choice(cands)) if cands else (tree, None)


def param_edit(text, arg, default, new_type):
    name_b = text.pos(arg.lineno, arg.col_offset) + len(arg.arg)
    if text.src[name_b - len(arg.arg):name_b] != arg.arg:
        return None
    if default is not None:
        d_a = text.pos(default.lineno, default.col_offset)
        if not re.fullmatch(r"\s*(?::[^=]*)?=\s*", text.src[name_b:d_a]):
            return None
        return (name_b, d_a, (": " + new_type + " = ") if new_type else "=")
    return (name_b, text.pos(arg.end_lineno, arg.end_col_offset), (": " + new_type) if new_type else "")


def set_params(src, fi, choose):
    """choose(params, fn) -> {index: new type or None}; returns the edited source."""
    tree = parse(src)
    fn = func_list(tree)[fi]
    params = all_params(fn, func_contexts(tree)[id(fn)])
    changes = choose(params, fn)
    if not changes:
        return None
    text = Text(src)
    edits = []
    for i, t in sorted(changes.items()):
        t = fit_type(tree, fn, t)
        e = param_edit(text, params[i][0], params[i][1], t)
        if e is None:
            return None
        edits.append(e)
    return apply_edits(src, edits)


def is_star_param(arg, fn):
    a = fn.args
    return arg is a.vararg or arg is a.kwarg or any(arg is x for x in a.kwonlyargs + a.posonlyargs)


def add_param_annotations(src, fi, rnd, how_many=None, roles=None):
    def choose(params, fn):
        free = [i for i, (a, d) in enumerate(params) if a.annotation is None]
        if roles == "star":
            free = [i for i in free if is_star_param(params[i][0], fn)]
        if not free:
            return None
        k = len(free) if how_many == "all" else min(len(free), how_many or rnd.choice([1, 1, 2, 3]))
        picked = sorted(rnd.sample(free, k))
        return {i: star_type(params[i][0]) if is_star_param(params[i][0], fn) else guess_param_type(params[i][0].arg, params[i][1])
                for i in picked}
    return set_params(src, fi, choose)


def star_type(arg):
    return {"args": "Any", "kwargs": "Any", "streams": "Iterable[dict]", "key": "Optional[Callable[[dict], Any]]",
            "reverse": "bool", "timeout": "float", "func": "Callable[..., Any]"}.get(arg.arg, NAME_TYPES.get(arg.arg, "Any"))


def change_param_annotation(src, fi, rnd):
    tree = parse(src)

    def choose(params, fn):
        typed = [i for i, (a, d) in enumerate(params) if a.annotation is not None and is_type_expr(a.annotation)
                 and (TYPE_MODE[-1] == "raw" or droppable_annotation(tree, fn, a.annotation))]
        if not typed:
            return None
        i = rnd.choice(typed)
        return {i: alt_type(ast.unparse(params[i][0].annotation))}
    return set_params(src, fi, choose)


def remove_param_annotations(src, fi, rnd):
    tree = parse(src)

    def choose(params, fn):
        typed = [i for i, (a, d) in enumerate(params) if a.annotation is not None
                 and (TYPE_MODE[-1] == "raw" or droppable_annotation(tree, fn, a.annotation))]
        if not typed:
            return None
        return {i: None for i in rnd.sample(typed, rnd.randint(1, len(typed)))}
    return set_params(src, fi, choose)


def own_nodes(fn):
    """Nodes of the function's own body, not of nested defs, lambdas or classes."""
    out = []
    stack = list(fn.body)
    while stack:
        n = stack.pop(0)
        out.append(n)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return out


def own_statements(fn):
    return [n for n in own_nodes(fn) if isinstance(n, ast.stmt)]


def guess_return_type(fn):
    nodes = own_nodes(fn)
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes):
        return "Iterator[Any]"
    values = [n.value for n in nodes if isinstance(n, ast.Return)]
    if not values or all(v is None or (isinstance(v, ast.Constant) and v.value is None) for v in values):
        return "None"
    v = next(v for v in values if v is not None)
    optional = any(v2 is None or (isinstance(v2, ast.Constant) and v2.value is None) for v2 in values)
    t = value_type(v)
    return "Optional[%s]" % t if optional and t != "Any" else t


def value_type(v):
    if isinstance(v, ast.Constant):
        return {bool: "bool", int: "int", float: "float", str: "str"}.get(type(v.value), "Any")
    if isinstance(v, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(v, (ast.List, ast.ListComp)):
        return "list"
    if isinstance(v, (ast.Set, ast.SetComp)):
        return "set"
    if isinstance(v, ast.Tuple):
        return "tuple"
    if isinstance(v, ast.JoinedStr):
        return "str"
    if isinstance(v, ast.BoolOp):
        return value_type(v.values[-1])
    if isinstance(v, ast.Compare) or (isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.Not)):
        return "bool"
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Name):
        return {"len": "int", "float": "float", "int": "int", "str": "str", "sorted": "list", "dict": "dict", "set": "set",
                "sum": "float", "list": "list", "tuple": "tuple", "round": "float", "max": "float", "min": "float",
                "Counter": "Counter", "defaultdict": "defaultdict"}.get(v.func.id, "Any")
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute):
        return {"monotonic": "float", "time": "float", "perf_counter": "float", "strip": "str", "lower": "str",
                "join": "str", "format": "str", "loads": "dict", "load": "dict", "get": "Any", "split": "list"}.get(v.func.attr, "Any")
    if isinstance(v, ast.BinOp) and any(value_type(x) == "str" for x in (v.left, v.right)):
        return "str"
    if isinstance(v, ast.BinOp) and isinstance(v.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        return "float"
    return "Any"


def header_close(src, fn):
    """Char offset just after the ')' closing the def's parameter list."""
    text = Text(src)
    toks = make_corpus.tokens(src)
    at = text.pos(fn.lineno, fn.col_offset)
    for i, t in enumerate(toks):
        if make_corpus.abs_pos(text.starts, t.start) >= at and t.type == tokenize.OP and t.string == "(":
            j = make_corpus.matching_close(toks, i)
            return None if j is None else make_corpus.abs_pos(text.starts, toks[j].end)
    return None


def set_return(src, fi, new_type):
    tree = parse(src)
    fn = func_list(tree)[fi]
    close = header_close(src, fn)
    if close is None:
        return None
    text = Text(src)
    new_type = fit_type(tree, fn, new_type)
    end = text.pos(fn.returns.end_lineno, fn.returns.end_col_offset) if fn.returns is not None else close
    return apply_edits(src, [(close, end, (" -> " + new_type) if new_type else "")])


def add_return_annotation(src, fi, rnd):
    fn = func_list(parse(src))[fi]
    if fn.returns is not None:
        return None
    return set_return(src, fi, guess_return_type(fn))


def change_return_annotation(src, fi, rnd):
    tree = parse(src)
    fn = func_list(tree)[fi]
    if fn.returns is None or not is_type_expr(fn.returns):
        return None
    if TYPE_MODE[-1] != "raw" and not droppable_annotation(tree, fn, fn.returns):
        return None
    return set_return(src, fi, alt_type(ast.unparse(fn.returns)))


def local_assigns(fn):
    return [s for s in own_statements(fn) if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name)]


def add_local_annotation(src, fi, rnd):
    fn = func_list(parse(src))[fi]
    params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
    firsts, seen = [], set()
    for s in local_assigns(fn):
        n = s.targets[0].id
        if n not in seen and n not in params:
            firsts.append(s)
        seen.add(n)
    if not firsts:
        return None
    s = rnd.choice(firsts)
    text = Text(src)
    at = text.span(s.targets[0])[1]
    return apply_edits(src, [(at, at, ": " + value_type(s.value))])


def add_bare_local(src, fi, rnd):
    fn = func_list(parse(src))[fi]
    params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
    text = Text(src)
    firsts, seen = [], set()
    for s in local_assigns(fn):
        n = s.targets[0].id
        line = text.lines[s.lineno - 1]
        starts_line = not line[: text.pos(s.lineno, s.col_offset) - text.line_start(s.lineno)].strip()
        if n not in seen and n not in params and starts_line:
            firsts.append(s)
        seen.add(n)
    if not firsts:
        return None
    s = rnd.choice(firsts)
    at = text.line_start(s.lineno)
    return apply_edits(src, [(at, at, text.indent_of(s.lineno) + s.targets[0].id + ": " + value_type(s.value) + "\n")])


def add_self_attr_annotation(src, fi, rnd):
    fn = func_list(parse(src))[fi]
    cands = [s for s in own_statements(fn) if isinstance(s, ast.Assign) and len(s.targets) == 1
             and isinstance(s.targets[0], ast.Attribute) and isinstance(s.targets[0].value, ast.Name)
             and s.targets[0].value.id == "self"]
    if not cands:
        return None
    s = rnd.choice(cands)
    text = Text(src)
    at = text.span(s.targets[0])[1]
    t = value_type(s.value)
    if t == "Any":
        t = NAME_TYPES.get(s.targets[0].attr, "Any")
    return apply_edits(src, [(at, at, ": " + t)])


def has_params(fn, ctx, typed=None):
    ps = all_params(fn, ctx)
    if typed is None:
        return bool(ps)
    return any((a.annotation is not None) == typed for a, d in ps)


def gen_ann(edit, want=eligible, reverse=False, prepare=None):
    """An annotation edit on one function chosen by want; prepare(src, fi, rnd) first makes the old version."""
    def gen(src, rnd):
        tree, fi = pick_function(src, rnd, want)
        if fi is None:
            return None
        old = src
        if prepare is not None:
            old = prepare(src, fi, rnd) or src
        new = edit(old, fi, rnd)
        if new is None:
            return None
        return (new, old) if reverse else (old, new)
    return gen


def full_typing(src, fi, rnd):
    out = add_param_annotations(src, fi, rnd, how_many="all") or src
    out = add_return_annotation(out, fi, rnd) or out
    out = add_local_annotation(out, fi, rnd) or out
    return out if out != src else None


def any_annotation_edit(src, fi, rnd):
    for edit in rnd.sample([lambda s, f, r: add_param_annotations(s, f, r), add_return_annotation, add_local_annotation,
                            change_param_annotation], 4):
        out = edit(src, fi, rnd)
        if out:
            return out
    return None


def ensure_typed_params(src, fi, rnd):
    tree = parse(src)
    fn = func_list(tree)[fi]
    if any(a.annotation is not None for a, d in all_params(fn, func_contexts(tree)[id(fn)])):
        return src
    return add_param_annotations(src, fi, rnd, how_many="all")


def ensure_return(src, fi, rnd):
    fn = func_list(parse(src))[fi]
    return src if fn.returns is not None else add_return_annotation(src, fi, rnd)


# adversarial annotation edits ----------------------------------------------------------------

def gen_ann_class_body(src, rnd):
    tree = parse(src)
    text = Text(src)
    edits = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        for s in cls.body:
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and is_type_expr(s.annotation):
                a, b = text.span(s.annotation)
                edits.append((a, b, alt_type(ast.unparse(s.annotation))))
            elif isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                at = text.span(s.targets[0])[1]
                t = value_type(s.value)
                edits.append((at, at, ": " + ("dict[str, float]" if t == "dict" else t if t != "Any" else "str")))
    if not edits:
        return None
    return src, apply_edits(src, [rnd.choice(edits)]), [{"ann-class-body"}]


def gen_ann_decorated(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: bool(fn.decorator_list) and not ctx[1] and not ctx[2])
    if fi is None:
        return None
    new = any_annotation_edit(src, fi, rnd)
    return (src, new, [{"ann-decorated"}]) if new else None


def gen_ann_decorated_class(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: ctx[1] and not fn.decorator_list and not ctx[2])
    if fi is None:
        return None
    new = any_annotation_edit(src, fi, rnd)
    return (src, new, [{"ann-decorated-class"}]) if new else None


FUTURE_LINE = "from __future__ import annotations\n"


def add_future(src):
    tree = parse(src)
    if future_annotations(tree):
        return None
    if tree.body and docstring_of(tree):
        text = Text(src)
        at = text.starts[tree.body[0].end_lineno]
        return src[:at] + FUTURE_LINE + src[at:]
    return FUTURE_LINE + "\n" + src


def gen_ann_future(src, rnd):
    tree, fi = pick_function(src, rnd, eligible)
    if fi is None:
        return None
    new = any_annotation_edit(src, fi, rnd)
    if new is None:
        return None
    if rnd.random() < 0.6:
        with type_mode("raw"):  # the new version has the future import: any type expression is dropped there
            new = any_annotation_edit(src, fi, rnd)
        new = add_future(new) if new else None
        return (src, new, [{"ann-future"}]) if new else None
    old = add_future(src)
    return (old, new, [{"ann-future"}]) if old else None


def ann_reader_line(kind, fname, rnd):
    return {
        "dunder-annotations": rnd.choice(["FIELDS = list({n}.__annotations__)", "RETURNS = {n}.__annotations__.get(\"return\")"]),
        "get-type-hints": rnd.choice(["HINTS = typing.get_type_hints({n})", "HINTS = get_type_hints({n})"]),
        "inspect-signature": rnd.choice(["SIGNATURE = inspect.signature({n})",
                                         "PARAMS = list(inspect.signature({n}).parameters)"]),
        "typing-get-args": rnd.choice(["ALLOWED_KINDS = typing.get_args(Literal[\"pdf\", \"html\"])",
                                       "SCORE_TYPES = get_args(Union[int, float])"]),
    }[kind].format(n=fname)


def gen_ann_reader(kind):
    def gen(src, rnd):
        tree = parse(src)
        names = [s.name for s in tree.body if isinstance(s, FUNC_TYPES + (ast.ClassDef,))]
        if not names:
            return None
        base = append_module_line(src, ann_reader_line(kind, rnd.choice(names), rnd))
        t2, fi = pick_function(base, rnd, eligible)
        if fi is None:
            return None
        new = any_annotation_edit(base, fi, rnd)
        return (base, new, [{"ann-blockers"}]) if new else None
    return gen


def gen_ann_bare_unbound(src, rnd):
    tree, fi = pick_function(src, rnd, eligible)
    if fi is None:
        return None
    an = analysis_of(src)
    fn = func_list(an.tree)[fi]
    fscope = next(sc for sc in an.scopes if sc.node is fn)
    loads = sorted(n for n in loads_by_scope(an).get(fscope.index, set()) if n not in BUILTIN_NAMES)
    taken = name_tokens(src)
    fresh = [c for c in ("result", "cache", "summary", "counter", "buffer") if c not in taken]
    choices = [(n, NAME_TYPES.get(n.lower(), "str" if n.isupper() else "Any")) for n in loads]
    if not choices and rnd.random() < 0.6:
        return None  # rather a function that reads a global: annotating it there makes it local
    if not choices or rnd.random() < 0.2:
        choices = [(f, "dict") for f in fresh[:1]]
    if not choices:
        return None
    name, t = rnd.choice(choices)
    text = Text(src)
    first = fn.body[0]
    if docstring_of(fn) is not None and len(fn.body) > 1:
        first = fn.body[1]
    if first.lineno <= fn.lineno:
        return None
    at = text.line_start(stmt_first_line(first))
    with_ann = apply_edits(src, [(at, at, text.indent_of(first.lineno) + name + ": " + t + "\n")])
    pair = (with_ann, src) if rnd.random() < 0.6 else (src, with_ann)
    return pair[0], pair[1], [{"ann-bare-unbound"}]


def gen_ann_bare_attr(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: eligible(fn, ctx) and ctx[0] and any(
        isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Attribute) and isinstance(s.targets[0].value, ast.Name)
        and s.targets[0].value.id == "self" for s in own_statements(fn)))
    if fi is None:
        return None
    fn = func_list(tree)[fi]
    text = Text(src)
    cands = [s for s in own_statements(fn) if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Attribute)
             and isinstance(s.targets[0].value, ast.Name) and s.targets[0].value.id == "self"
             and not text.lines[s.lineno - 1][: text.pos(s.lineno, s.col_offset) - text.line_start(s.lineno)].strip()]
    if not cands:
        return None
    s = rnd.choice(cands)
    attr = s.targets[0].attr
    t = value_type(s.value)
    t = NAME_TYPES.get(attr, "Any") if t == "Any" else t
    at = text.line_start(s.lineno)
    with_ann = apply_edits(src, [(at, at, text.indent_of(s.lineno) + "self." + attr + ": " + t + "\n")])
    return with_ann, src, [{"ann-bare-attr"}]


NON_TYPE_ANNOTATIONS = ['Annotated[{t}, Field(description="{n}")]', 'Depends(get_{n})', 'schema("{n}")',
                        '{t} if STRICT else Any', 'Annotated[{t}, Meta(min_len=1)]']


def gen_ann_non_type(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: eligible(fn, ctx) and has_params(fn, ctx))
    if fi is None:
        return None
    fn = func_list(tree)[fi]
    params = all_params(fn, func_contexts(tree)[id(fn)])
    i = rnd.randrange(len(params))
    arg, default = params[i]
    t = guess_param_type(arg.arg, default)
    templates = rnd.sample(NON_TYPE_ANNOTATIONS, 2)
    a1 = templates[0].format(t=t, n=arg.arg)
    a2 = templates[1].format(t=t, n=arg.arg) if rnd.random() < 0.5 else a1.replace('"' + arg.arg, '"the ' + arg.arg) if '"' in a1 else templates[1].format(t=t, n=arg.arg)
    if rnd.random() < 0.5:
        old = set_params(src, fi, lambda ps, fn: {i: a1})
        new = set_params(src, fi, lambda ps, fn: {i: a2})
    else:
        old = src
        new = set_params(src, fi, lambda ps, fn: {i: a1})
    if rnd.random() < 0.3 and new is not None and fn.returns is None:
        new = set_return(new, fi, 'register("%s")' % fn.name) or new
    if not old or not new:
        return None
    # the names these annotations use must be there when the def runs, or the pair breaks a second condition
    if rnd.random() < 0.5:
        old, new = add_future(old), add_future(new)
    else:
        header = import_header_for(def_time_names(parse(old)) | def_time_names(parse(new)))
        old, new = add_module_header(old, header), add_module_header(new, header)
    return (old, new, [{"ann-type-expr"}]) if old and new else None


# --- rename edits ------------------------------------------------------------------------

def analysis_of(src, ignore=frozenset()):
    tree = parse(src)
    if tree is None:
        return None
    an = ScopeAnalysis(tree, frozenset(ignore))
    an.tree = tree
    an.parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            an.parents[id(child)] = node
    return an


def rename_candidates(an, pred=None):
    chosen, _ = an.renameable()
    occs = symbol_occurrences(an)
    return [sym for sym in sorted(chosen) if pred is None or pred(an, sym, [an.occurrences[i] for i in occs[sym]])]


def p_for(an, sym, occs):
    return any(o.how == "for" for o in occs) and an.scopes[sym[0]].kind != "comprehension"


def p_comp(an, sym, occs):
    return an.scopes[sym[0]].kind == "comprehension"


def p_how(how):
    return lambda an, sym, occs: any(o.how == how for o in occs)


def p_closure(an, sym, occs):
    return any(o.scope is not an.scopes[sym[0]] and o.scope.kind in ("function", "lambda") for o in occs)


def p_accumulator(an, sym, occs):
    if any(o.how == "augassign" for o in occs):
        return True
    for o in occs:
        parent = an.parents.get(id(o.node)) if o.kind == "name" else None
        if isinstance(parent, ast.Attribute) and parent.attr in ("append", "extend", "add", "update", "setdefault"):
            return True
    return False


def p_tuple(an, sym, occs):
    return any(o.how and isinstance(an.parents.get(id(o.node)), (ast.Tuple, ast.List)) for o in occs if o.kind == "name")


def p_method(an, sym, occs):
    s = an.scopes[sym[0]]
    return s.kind == "function" and s.parent is not None and s.parent.kind == "class"


def gen_rename(pred=None, count=1):
    def gen(src, rnd):
        an = analysis_of(src)
        cands = rename_candidates(an, pred)
        k = count if isinstance(count, int) else rnd.choice(count)
        if not cands:
            return None
        first = rnd.choice(cands)
        rest = [c for c in rename_candidates(an) if c != first] if pred is not None else [c for c in cands if c != first]
        if len(rest) < k - 1:
            return None
        picked = [first] + rnd.sample(rest, k - 1)
        taken = name_tokens(src)
        mapping = {}
        for sym in picked:
            new = fresh_name(sym[1], taken | set(mapping.values()), rnd)
            if not new:
                return None
            mapping[sym] = new
        out = rename_symbols(src, an, mapping)
        return (src, out) if out else None
    return gen


def gen_rename_swap(src, rnd):
    an = analysis_of(src)
    cands = rename_candidates(an)
    pairs = [(a, b) for a, b in itertools.combinations(cands, 2) if a[0] == b[0]]
    if not pairs:
        return None
    a, b = rnd.choice(pairs)
    out = rename_symbols(src, an, {a: b[1], b: a[1]})
    return (src, out) if out else None


def gen_rename_all(src, rnd):
    an = analysis_of(src)
    cands = rename_candidates(an)
    funcs = sorted({enclosing_function_scope(an, an.scopes[s[0]]).index for s in cands
                    if enclosing_function_scope(an, an.scopes[s[0]]) is not None})
    if not funcs:
        return None
    f = an.scopes[rnd.choice(funcs)]
    picked = [s for s in cands if enclosing_function_scope(an, an.scopes[s[0]]) is f]
    if len(picked) < 2:
        return None
    taken = name_tokens(src)
    mapping = {}
    for sym in picked:
        new = fresh_name(sym[1], taken | set(mapping.values()), rnd)
        if not new:
            return None
        mapping[sym] = new
    out = rename_symbols(src, an, mapping)
    return (src, out) if out else None


# adversarial rename edits ------------------------------------------------------------------

def extra_candidates(src, ignore, extra_pred):
    """Symbols renameable only once `ignore` is switched on, filtered by extra_pred."""
    plain = set(rename_candidates(analysis_of(src)))
    an = analysis_of(src, ignore)
    occs = symbol_occurrences(an)
    out = [s for s in rename_candidates(an) if s not in plain
           and extra_pred(an, s, [an.occurrences[i] for i in occs[s]])]
    return an, out


def gen_rename_ignoring(ignore, extra_pred, ignore_sets):
    def gen(src, rnd):
        an, cands = extra_candidates(src, frozenset(ignore), extra_pred)
        if not cands:
            return None
        sym = rnd.choice(cands)
        new = fresh_name(sym[1], name_tokens(src), rnd)
        out = rename_symbols(src, an, {sym: new}) if new else None
        return (src, out, ignore_sets) if out else None
    return gen


def pe_param(an, sym, occs):
    return "param" in an.scopes[sym[0]].bindings.get(sym[1], ()) and sym[1] not in ("self", "cls") and len(occs) >= 2


def pe_global(an, sym, occs):
    return any(o.kind == "global" for o in occs)


def pe_nonlocal(an, sym, occs):
    return any(o.kind == "nonlocal" for o in occs)


def pe_def(an, sym, occs):
    return an.scopes[sym[0]].bindings.get(sym[1]) == {"def"} and an.scopes[sym[0]].kind == "function"


def pe_any(an, sym, occs):
    return True


BLOCKER_LINES = {
    "locals": ['log.debug("{f} state: %r", locals())', 'log.debug("{{{v}}}".format(**locals()))'],
    "vars": ['log.debug("{v}=%({v})r" % vars())', 'log.debug("%s", sorted(vars()))'],
    "dir": ['log.debug("names in scope: %s", dir())', 'assert "{v}" in dir()'],
    "eval": ['log.debug("%r", eval("{v}"))', 'check = eval(CHECK_EXPR)'],
    "exec": ['exec(DEBUG_HOOK)', 'exec("print({v})")'],
    "getframe": ['log.debug("called from %s", sys._getframe(1).f_code.co_name)',
                 'log.debug("line %d", inspect.currentframe().f_lineno)'],
    "fstring-debug": ['log.debug(f"{{{v}=}}")', 'log.debug(f"{{{p}=}}")', 'log.debug(f"{{{v} = !r}}")'],
}


def gen_rename_with_blocker(kind):
    def gen(src, rnd):
        an = analysis_of(src)
        cands = [s for s in rename_candidates(an) if enclosing_function_scope(an, an.scopes[s[0]]) is not None]
        own = [s for s in cands if an.scopes[s[0]].kind == "function"]
        cands = own or cands  # rather a variable of the function itself, the one locals()/vars() would show
        if not cands:
            return None
        sym = rnd.choice(cands)
        fscope = enclosing_function_scope(an, an.scopes[sym[0]])
        fn = fscope.node
        params = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs if a.arg not in ("self", "cls")]
        line = rnd.choice(BLOCKER_LINES[kind])
        if "{p}" in line and not params:
            line = BLOCKER_LINES[kind][0]
        refers_to_var = "{v}=" in line or "{v} =" in line
        text = Text(src)
        last = fn.body[-1]
        if last.lineno <= fn.lineno:
            return None
        at = text.line_start(stmt_first_line(last))
        line = line.format(v=sym[1], f=fn.name, p=params[0] if params else "")
        old = apply_edits(src, [(at, at, text.indent_of(last.lineno) + line + "\n")])
        an2 = analysis_of(old, {"ren-blockers"})
        if an2 is None:
            return None
        same = [s for s in rename_candidates(an2) if s[1] == sym[1]]
        if not same:
            return None
        new_name = fresh_name(sym[1], name_tokens(old), rnd)
        new = rename_symbols(old, an2, {same[0]: new_name}) if new_name else None
        if new is None:
            return None
        return old, new, (None if (kind == "fstring-debug" and refers_to_var) else [{"ren-blockers"}])
    return gen


def loads_by_scope(an):
    """scope index -> {name} of module-resolving names loaded directly in that scope"""
    out = {}
    for o in an.occurrences:
        if o.kind == "name" and o.how is None and o.symbol[0] == an.module.index:
            out.setdefault(o.scope.index, set()).add(o.name)
    return out


def gen_rename_shadow(which):
    def gen(src, rnd):
        an = analysis_of(src)
        cands = rename_candidates(an, lambda an, s, o: an.scopes[s[0]].kind == "function")
        loads = loads_by_scope(an)
        module_bound = set(an.module.bindings)
        options = []
        for sym in cands:
            scope = an.scopes[sym[0]]
            here = loads.get(scope.index, set())
            nested, in_comps = set(), set()
            for s in an.scopes:
                if s is not scope and scope_descends(s, scope) and s.kind in ("function", "lambda"):
                    nested |= loads.get(s.index, set())
                elif s is not scope and scope_descends(s, scope) and s.kind == "comprehension":
                    in_comps |= loads.get(s.index, set())
            if which == "nested" and not nested - here:
                nested = in_comps  # a comprehension is a nested function scope too
            if which == "builtin":
                names = {n for n in here if n in BUILTIN_NAMES and n not in module_bound}
            elif which == "global":
                names = {n for n in here if n not in BUILTIN_NAMES or n in module_bound}
            else:  # nested capture: a global only a nested function/lambda/comprehension reads
                names = {n for n in nested - here if not keyword.iskeyword(n)}
            options += [(sym, n) for n in sorted(names) if n != sym[1]]
        if not options:
            return None
        sym, target = rnd.choice(options)
        out = rename_symbols(src, an, {sym: target})
        return (src, out, None) if out else None
    return gen


def gen_rename_used_elsewhere(src, rnd):
    an = analysis_of(src)
    cands = rename_candidates(an, lambda an, s, o: an.scopes[s[0]].kind == "function")
    options = []
    for sym in cands:
        scope = an.scopes[sym[0]]
        elsewhere = set()
        for o in an.occurrences:
            s = o.scope
            owner = an.scopes[o.symbol[0]]
            if owner.kind in ("function", "lambda") and not scope_descends(s, scope) and not scope_descends(scope, owner) \
                    and o.name not in BUILTIN_NAMES and o.name not in ("self", "cls"):
                elsewhere.add(o.name)
        # names spelled inside this function's subtree must not be among them
        inside = {o.name for o in an.occurrences if scope_descends(o.scope, scope)}
        options += [(sym, n) for n in sorted(elsewhere - inside)]
    if not options:
        return None
    sym, target = rnd.choice(options)
    out = rename_symbols(src, an, {sym: target})
    return (src, out, [{"ren-collision"}]) if out else None


def gen_rename_shared(src, rnd):
    """A harmless rename the rule still refuses: the old name is also a local or parameter of another,
    unrelated function in the unit, so it is not unique in the old version (condition i)."""
    plain = set(rename_candidates(analysis_of(src)))
    an = analysis_of(src, {"ren-collision"})
    by_name = {}
    for o in an.occurrences:
        by_name.setdefault(o.name, set()).add(o.symbol)
    cands = []
    for sym in rename_candidates(an):
        if sym in plain or sym[1] in an.other_identifiers:
            continue
        scope = an.scopes[sym[0]]
        others = [an.scopes[si] for si, n in by_name[sym[1]] if (si, n) != sym]
        if others and all(o.kind in ("function", "lambda", "comprehension") and not scope_descends(o, scope)
                          and not scope_descends(scope, o) for o in others):
            cands.append(sym)
    if not cands:
        return None
    sym = rnd.choice(cands)
    new = fresh_name(sym[1], name_tokens(src), rnd)
    out = rename_symbols(src, an, {sym: new}) if new else None
    return (src, out) if out else None


def gen_rename_merge(src, rnd):
    an = analysis_of(src)
    cands = rename_candidates(an)
    pairs = [(a, b) for a, b in itertools.combinations(cands, 2) if a[0] == b[0]]
    if not pairs:
        return None
    a, b = rnd.choice(pairs)
    if rnd.random() < 0.5:
        a, b = b, a
    out = rename_symbols(src, an, {b: a[1]})
    return (src, out, None) if out else None


def gen_rename_missed(src, rnd):
    an = analysis_of(src)
    occs = symbol_occurrences(an)
    cands = [s for s in rename_candidates(an) if len(occs[s]) >= 3]
    if not cands:
        return None
    sym = rnd.choice(cands)
    loads = [i for i in occs[sym][1:] if an.occurrences[i].how is None]
    if not loads:
        return None
    new = fresh_name(sym[1], name_tokens(src), rnd)
    out = rename_symbols(src, an, {sym: new}, skip={rnd.choice(loads)}) if new else None
    return (src, out, None) if out else None


def gen_rename_attribute(src, rnd):
    an = analysis_of(src)
    text = Text(src)
    attrs = {}
    for node in ast.walk(an.tree):
        if isinstance(node, ast.Attribute):
            attrs.setdefault(node.attr, []).append(node)
    local_names = {s[1]: s for s in rename_candidates(an)}
    data_attrs = sorted(a for a, nodes in attrs.items() if any(not isinstance(an.parents.get(id(n)), ast.Call)
                                                             or an.parents[id(n)].func is not n for n in nodes))
    if not data_attrs:
        return None
    attr = rnd.choice(data_attrs)
    new = fresh_name(attr, name_tokens(src), rnd)
    if not new:
        return None
    edits = []
    for node in attrs[attr]:
        a, b = text.span(node)
        if text.src[b - len(attr):b] != attr:
            return None
        edits.append((b - len(attr), b, new))
    out = apply_edits(src, edits)
    if out and attr in local_names and rnd.random() < 0.7:
        # a find-and-replace that also caught the local of the same name
        an2 = analysis_of(out)
        same = [s for s in rename_candidates(an2) if s[1] == attr]
        if same:
            out = rename_symbols(out, an2, {same[0]: new}) or out
    return (src, out, None) if out else None


def gen_rename_keyword(src, rnd):
    an = analysis_of(src)
    text = Text(src)
    locals_ = {s[1]: s for s in rename_candidates(an)}
    kws = [k for k in ast.walk(an.tree) if isinstance(k, ast.keyword) and k.arg]
    if not kws:
        return None
    paired = [k for k in kws if isinstance(k.value, ast.Name) and k.value.id == k.arg and k.arg in locals_]
    k = rnd.choice(paired) if paired and rnd.random() < 0.6 else rnd.choice(kws)
    new = fresh_name(k.arg, name_tokens(src), rnd)
    if not new:
        return None
    a = text.pos(k.lineno, k.col_offset)
    if text.src[a:a + len(k.arg)] != k.arg:
        return None
    out = apply_edits(src, [(a, a + len(k.arg), new)])
    if k in paired:
        an2 = analysis_of(out)
        same = [s for s in rename_candidates(an2) if s[1] == k.arg]
        if same:
            out = rename_symbols(out, an2, {same[0]: new}) or out
    return (src, out, None) if out else None


# --- combined edits ----------------------------------------------------------------------

def doc_step(src, rnd):
    tree, owner = pick_owner(src, rnd, ("def", "class", "module"))
    if owner is None:
        return None
    if docstring_of(owner) is not None:
        return reword_docstring(src, owner_path(tree, owner), rnd)
    return set_docstring(src, owner, new_doc_for(src, owner, rnd))


def ann_step(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: eligible(fn, ctx))
    return any_annotation_edit(src, fi, rnd) if fi is not None else None


def ren_step(src, rnd):
    pair = gen_rename(count=(1, 1, 2))(src, rnd)
    return pair[1] if pair else None


STEPS = {"docstrings": doc_step, "annotations": ann_step, "renames": ren_step}
LAYOUT_EDITS = [make_corpus.edit_comment, make_corpus.edit_blank_lines, make_corpus.edit_split_call,
                make_corpus.edit_quote_style]


def gen_combined(rules, layout=False):
    def gen(src, rnd):
        out = src
        for rule in rnd.sample(list(rules), len(rules)):
            for attempt in range(4):
                step = STEPS[rule](out, rnd)
                # with renames in the pair, a docstring must not bring in a word that names a variable: that
                # variable would stay as it is in one version only (the renames condition on string words)
                if step is None or rule != DOC or REN not in rules or not (
                        (string_words(parse(step)) - string_words(parse(out))) & name_tokens(out)):
                    break
            else:
                return None
            if step is None:
                return None
            out = step
        if layout:
            changed = rnd.choice(LAYOUT_EDITS)(out, rnd)
            if not changed or not make_corpus.ast_equal(out, changed):
                return None  # make_corpus's layout edits are not always cosmetic (a comma in a subscript)
            out = changed
        return src, out
    return gen


def gen_rule_plus_layout(src, rnd):
    rule = rnd.choice(RULE_ORDER)
    return gen_combined([rule], layout=True)(src, rnd)


def change_default(src, rnd):
    tree = parse(src)
    text = Text(src)
    cands = []
    for fn in func_list(tree):
        for d in fn.args.defaults + [k for k in fn.args.kw_defaults if k]:
            if isinstance(d, ast.Constant) and not isinstance(d.value, bool) and d.value is not Ellipsis:
                cands.append(d)
    if not cands:
        return make_corpus.edit_number(src, rnd)
    d = rnd.choice(cands)
    a, b = text.span(d)
    v = d.value
    new = "0" if v is None else repr(v + 1) if isinstance(v, (int, float)) else repr(v + "x") if isinstance(v, str) else None
    return apply_edits(src, [(a, b, new)]) if new else None


def gen_rule_plus_change(step, change):
    def gen(src, rnd):
        mid = step(src, rnd)
        if mid is None:
            return None
        new = change(mid, rnd)
        return (src, new, None, mid) if new and new != mid else None
    return gen


def ann_param_step(src, rnd):
    tree, fi = pick_function(src, rnd, lambda fn, ctx: eligible(fn, ctx) and any(
        d is not None for a, d in all_params(fn, ctx)))
    if fi is None:
        return ann_step(src, rnd)
    return add_param_annotations(src, fi, rnd) or ann_step(src, rnd)


def constant_change(src, rnd):
    return make_corpus.edit_number(src, rnd) or make_corpus.edit_string_content(src, rnd)


def operator_change(src, rnd):
    return make_corpus.edit_operator(src, rnd) or make_corpus.edit_number(src, rnd)


# --- edits for the tightened conditions --------------------------------------------------

def add_module_header(src, header):
    """src with header (whole lines) after the module docstring and future imports, before everything else."""
    if src is None or not header:
        return src
    tree = parse(src)
    text = Text(src)
    i = 1 if tree.body and docstring_of(tree) else 0
    while i < len(tree.body) and isinstance(tree.body[i], ast.ImportFrom) and tree.body[i].module == "__future__":
        i += 1
    if i == len(tree.body):
        return src.rstrip("\n") + "\n\n" + header
    nxt = tree.body[i]
    at = text.line_start(stmt_first_line(nxt))
    sep = "\n\n" if isinstance(nxt, (ast.ClassDef,) + FUNC_TYPES) else ""
    return src[:at] + header + sep + src[at:]


FROM_MODULE = {"Path": "pathlib", "Field": "pydantic", "Depends": "fastapi", "Meta": "msgspec", "Counter": "collections",
               "defaultdict": "collections"}
TYPING_NAMES = {"Any", "Optional", "List", "Dict", "Tuple", "Set", "FrozenSet", "Callable", "Iterable", "Iterator",
                "Sequence", "Mapping", "Union", "Annotated", "Literal", "Generator", "NoReturn", "Type", "DefaultDict"}
MODULE_IMPORTS = {"np": "import numpy as np", "pd": "import pandas as pd", "asyncio": "import asyncio",
                  "pathlib": "import pathlib", "typing": "import typing", "collections": "import collections"}


def import_header_for(names):
    """Import lines binding names at module level (typing's from typing, the rest from where they live)."""
    plain, froms = [], {}
    for n in sorted(names):
        if n in MODULE_IMPORTS:
            plain.append(MODULE_IMPORTS[n])
        else:
            module = "typing" if n in TYPING_NAMES else FROM_MODULE.get(n, "pipeline.deps" if n[:1].islower() or n.isupper()
                                                                         else "pipeline.models")
            froms.setdefault(module, []).append(n)
    lines = sorted(plain) + ["from %s import %s" % (m, ", ".join(ns)) for m, ns in sorted(froms.items())]
    return "".join(line + "\n" for line in lines)


def def_time_names(tree):
    """Names the parameter and return annotations of tree look up that neither the listed builtins nor a
    module-level import provide."""
    imported = {name for line, name in module_imports(tree)}
    out = set()
    for fn in func_list(tree):
        a = fn.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [x for x in (a.vararg, a.kwarg) if x]:
            if arg.annotation is not None:
                out |= annotation_names(arg.annotation)
        if fn.returns is not None:
            out |= annotation_names(fn.returns)
    return out - ANN_BUILTINS - imported


def parents_of(tree):
    out = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


def insert_before_last(src, fn, line):
    """src with line (one statement) before fn's last statement, at its indentation."""
    text = Text(src)
    last = fn.body[-1]
    if last.lineno <= fn.lineno:
        return None
    at = text.line_start(stmt_first_line(last))
    indent = text.indent_of(last.lineno)
    return apply_edits(src, [(at, at, "".join(indent + part + "\n" for part in line.split("\n")))])


def doc_edit_on(src, path, rnd):
    """A docstring edit (reworded, removed or added) on the owner at path."""
    owner = find_owner(parse(src), path)
    if owner is None:
        return None
    if docstring_of(owner) is not None:
        if len(owner.body) >= 2 and rnd.random() < 0.3:
            out = remove_docstring(src, owner)
            if out:
                return out
        return reword_docstring(src, path, rnd)
    if docstring_like(owner) is not None:
        return None
    return set_docstring(src, owner, new_doc_for(src, owner, rnd))


def provable_doc_owners(src, which=("def", "class", "module")):
    """Owners whose docstring the rule may drop in src: no decorators, a def not used by value."""
    tree = parse(src)
    by_value = value_uses(tree)
    return tree, [o for o in doc_owners(tree, Text(src), which) if isinstance(o, ast.Module) or (
        not o.decorator_list and not (isinstance(o, FUNC_TYPES) and o.name in by_value))]


def provable_doc_edit(src, rnd, which=("def", "class", "module"), avoid=()):
    tree, owners = provable_doc_owners(src, which)
    owners = [o for o in owners if getattr(o, "name", None) not in avoid]
    if not owners:
        return None
    return doc_edit_on(src, owner_path(tree, rnd.choice(owners)), rnd)


# adversarial docstring edits (tightened conditions) ------------------------------------------

DEF_DECORATORS = ["@click.command()", "@app.command()", "@cli.command(name=\"run\")", "@router.get(\"/status\")",
                  "@functools.cache"]
METHOD_DECORATORS = ["@functools.lru_cache(maxsize=None)", "@staticmethod"]
CLASS_DECORATORS = ["@dataclass", "@dataclasses.dataclass(frozen=True)", "@register_stage(\"extra\")", "@functools.total_ordering"]


def gen_doc_decorated(src, rnd):
    """A docstring edit on a decorated def or class: click, typer, property, dataclass read __doc__."""
    tree = parse(src)
    text = Text(src)
    by_value = value_uses(tree)
    parents = parents_of(tree)
    owners = [o for o in doc_owners(tree, text, ("def", "class")) if not (isinstance(o, FUNC_TYPES) and o.name in by_value)]
    decorated = [o for o in owners if o.decorator_list]
    plain = [o for o in owners if not o.decorator_list]
    if decorated and (not plain or rnd.random() < 0.4):
        owner, base = rnd.choice(decorated), src
    elif plain:
        owner = rnd.choice(plain)
        parent = parents.get(id(owner))
        if isinstance(owner, ast.ClassDef):
            deco = rnd.choice(CLASS_DECORATORS)
        elif isinstance(parent, ast.ClassDef):
            only_self = len(owner.args.args) == 1 and not (owner.args.vararg or owner.args.kwarg or owner.args.kwonlyargs)
            deco = "@property" if only_self and rnd.random() < 0.7 else METHOD_DECORATORS[0]
        elif isinstance(parent, ast.Module):
            deco = rnd.choice(DEF_DECORATORS)
        else:
            deco = rnd.choice(["@functools.lru_cache(maxsize=None)", "@log_calls", "@retry(times=3)"])
        at = text.line_start(owner.lineno)
        base = apply_edits(src, [(at, at, text.indent_of(owner.lineno) + deco + "\n")])
    else:
        return None
    new = doc_edit_on(base, owner_path(tree, owner), rnd)
    return (base, new, [{"doc-decorated"}]) if new else None


BY_VALUE_DOC_LINES = ["typer.run({n})", "fire.Fire({n})", "parser.set_defaults(func={n})", "COMMANDS = {{\"{k}\": {n}}}",
                      "cli.add_command(click.command()({n}))", "HANDLERS.append({n})"]


def gen_doc_by_value(src, rnd):
    """A docstring edit on a def its unit passes by value (typer.run(main), a returned closure)."""
    tree = parse(src)
    text = Text(src)
    by_value = value_uses(tree)
    defs = [o for o in doc_owners(tree, text, ("def",)) if not o.decorator_list]
    already = [o for o in defs if o.name in by_value]
    top = [o for o in defs if o in tree.body and o.name not in by_value]
    if already and (not top or rnd.random() < 0.4):
        owner, base = rnd.choice(already), src
    elif top:
        owner = rnd.choice(top)
        base = append_module_line(src, rnd.choice(BY_VALUE_DOC_LINES).format(n=owner.name, k=owner.name.replace("_", "-")))
    else:
        return None
    new = doc_edit_on(base, owner_path(tree, owner), rnd)
    return (base, new, [{"doc-by-value"}]) if new else None


PLY_LEX = ('tokens = ("NUMBER", "PLUS")\nt_PLUS = r"\\+"\nt_ignore = " \\t"\n\n\n'
           'def t_NUMBER(t):\n    r"\\d+"\n    t.value = int(t.value)\n    return t\n\n\nLEXER = lex.lex()')
PLY_YACC = ('def p_expression_plus(p):\n    "expression : expression PLUS term"\n    p[0] = p[1] + p[3]\n\n\n'
            'def p_expression_term(p):\n    "expression : term"\n    p[0] = p[1]\n\n\nPARSER = yacc.yacc()')
PLY_EDITS = {"lex": [('r"\\d+"', 'r"\\d+(\\.\\d+)?"'), ('r"\\d+"', 'r"[0-9]+"')],
             "yacc": [('"expression : expression PLUS term"', '"expression : expression PLUS term\\n               | expression MINUS term"'),
                      ('"expression : term"', '"expression : term | factor"')]}


def gen_doc_ply(src, rnd):
    """ply reads its token regexes and grammar rules from docstrings: with ply in the unit the rule is off."""
    flavor = rnd.choice(["lex", "yacc"])
    header = rnd.choice({"lex": ["import ply.lex as lex\n", "from ply import lex\n"],
                         "yacc": ["import ply.yacc as yacc\n", "from ply import yacc\n"]}[flavor])
    base = append_module_line(add_module_header(src, header), PLY_LEX if flavor == "lex" else PLY_YACC)
    if rnd.random() < 0.5:
        old, repl = rnd.choice(PLY_EDITS[flavor])
        at = base.rfind(old)
        new = base[:at] + repl + base[at + len(old):]
    else:
        new = provable_doc_edit(base, rnd)
    return (base, new, [{"doc-blockers"}]) if new else None


VARS_DOC_LINES = ["SETTINGS = {{k: v for k, v in vars({n}).items() if not k.startswith(\"_\")}}", "FIELDS = sorted(vars({n}))",
                  "STATE = dict({n}.__dict__)", "MEMBERS = dict(inspect.getmembers({n}))"]
COMPUTED_GETATTR_LINES = ["HELP = getattr({n}, \"__d\" + \"oc__\")", "DESCRIPTION = getattr({n}, DOC_ATTRIBUTE, \"\")",
                          "if hasattr({n}, ATTRIBUTE):\n    log.info(\"%s has %s\", {n}, ATTRIBUTE)",
                          "TEXT = getattr({n}, \"_\" * 2 + \"doc\" + \"_\" * 2, None)"]


def gen_doc_reads_all(lines):
    """A line that reads attributes wholesale or by a computed name (vars(Config), getattr(f, "__d" + "oc__")),
    then a docstring edit the rule would prove."""
    def gen(src, rnd):
        tree = parse(src)
        classes = [s.name for s in tree.body if isinstance(s, ast.ClassDef)]
        names = classes if classes and rnd.random() < 0.7 else top_level_names(tree)
        if not names:
            return None
        n = rnd.choice(names)
        base = append_module_line(src, rnd.choice(lines).format(n=n))
        new = provable_doc_edit(base, rnd, avoid=(n,))
        return (base, new, [{"doc-blockers"}]) if new else None
    return gen


# adversarial annotation edits (tightened conditions) -------------------------------------

def safe_annotation_edit(src, fi, rnd):
    with type_mode("builtin"):
        return any_annotation_edit(src, fi, rnd)


UNDEFINED_TYPES = ["Optional[{b}]", "Sequence[{b}]", "Iterable[{b}]", "Path", "np.ndarray", "pd.DataFrame", "Job", "Any",
                   "Callable[..., {b}]", "Mapping[str, {b}]"]


def gen_ann_undefined(src, rnd):
    """A parameter or return annotation naming something the module neither imports nor has as a builtin
    when the def runs (no future import): Python evaluates it, NameError."""
    tree = parse(src)
    if future_annotations(tree):
        return None
    imported = {name for line, name in module_imports(tree)}
    tree, fi = pick_function(src, rnd, eligible)
    if fi is None:
        return None
    fn = func_list(tree)[fi]
    params = [(i, a, d) for i, (a, d) in enumerate(all_params(fn, func_contexts(tree)[id(fn)])) if a.annotation is None]
    types = [t for t in UNDEFINED_TYPES if not annotation_names(ast.parse(t.format(b="str"), mode="eval").body) & imported]
    with type_mode("raw"):
        if params and (fn.returns is not None or rnd.random() < 0.7):
            i, a, d = rnd.choice(params)
            b = ast.unparse(to_builtin(ast.parse(guess_param_type(a.arg, d), mode="eval").body, ANN_BUILTINS))
            t = rnd.choice(types).format(b=b)
            if rnd.random() < 0.5:
                return src, set_params(src, fi, lambda ps, f: {i: t}), [{"ann-undefined"}]
            old = set_params(src, fi, lambda ps, f: {i: b})
            return old, set_params(src, fi, lambda ps, f: {i: t}), [{"ann-undefined"}]
        if fn.returns is not None:
            return None
        t = rnd.choice(types).format(b=rnd.choice(["str", "int", "dict", "list[str]"]))
        if rnd.random() < 0.5:
            return src, set_return(src, fi, t), [{"ann-undefined"}]
        return set_return(src, fi, '"%s"' % t), set_return(src, fi, t), [{"ann-undefined"}]


MERGE_METHODS = ["merge", "combined_with", "pick"]


def gen_ann_self_ref(src, rnd):
    """A method annotated with its own class (`def add(self, other: Node)` in `class Node`): the class is not
    bound yet when the def runs."""
    tree = parse(src)
    if future_annotations(tree):
        return None
    ctxs = func_contexts(tree)
    classes = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and not n.decorator_list]:
        methods = [s for s in cls.body if isinstance(s, FUNC_TYPES) and eligible(s, ctxs[id(s)])]
        if methods:
            classes.append((cls, methods))
    if not classes:
        return None
    cls, methods = rnd.choice(classes)
    name = cls.name
    funcs = func_list(tree)
    with type_mode("raw"):
        unannotated = [m for m in methods if m.returns is None]
        if unannotated and rnd.random() < 0.4:
            # quoted forward reference -> bare name: a "harmless" tidy-up that evaluates the class too early
            fi = funcs.index(rnd.choice(unannotated))
            return set_return(src, fi, '"%s"' % name), set_return(src, fi, name), [{"ann-undefined"}]
        taken = name_tokens(src)
        method = next((m for m in MERGE_METHODS if m not in taken), None)
        if method is None:
            return None
        text = Text(src)
        last = cls.body[-1]
        indent = text.indent_of(cls.body[0].lineno)
        at = text.starts[last.end_lineno]
        body = "\n%sdef %s(self, other):\n%s    return other if other is not None else self\n" % (indent, method, indent)
        old = apply_edits(src, [(at, at, body)])
        ann = rnd.choice([name, name + " | None", "list[%s]" % name])
        new = old.replace("def %s(self, other):" % method, "def %s(self, other: %s)%s:" % (
            method, ann, rnd.choice(["", " -> " + name])), 1)
        return old, new, [{"ann-undefined"}]


def gen_ann_global_target(src, rnd):
    """An annotated assignment to a name the function declares global or nonlocal: `counter: int = 0` after
    `global counter` is a SyntaxError; written `(counter): int = 0` it compiles, and the rule still leaves it."""
    tree = parse(src)
    text = Text(src)
    ctxs = func_contexts(tree)
    cands = []
    for fn in func_list(tree):
        if not eligible(fn, ctxs[id(fn)]):
            continue
        declared = declared_global_or_nonlocal(fn)
        for s in own_statements(fn):
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) \
                    and s.targets[0].id in declared:
                cands.append(s)
    if not cands:
        return None
    s = rnd.choice(cands)
    target = s.targets[0]
    if isinstance(s.value, ast.Constant) and s.value.value is None:
        t = "Optional[str]"
    else:
        t = value_type(s.value)
        t = "dict" if t == "Any" else t
    a, b = text.span(target)
    form = rnd.random()
    if form < 0.4:
        return src, apply_edits(src, [(a, b, "(%s): %s" % (target.id, t))]), [{"ann-global-target"}]
    if form < 0.8:
        return src, apply_edits(src, [(b, b, ": " + t)]), [{"ann-global-target", "compile"}]
    at = text.line_start(s.lineno)
    if text.src[at:a].strip():
        return None
    bare = text.indent_of(s.lineno) + target.id + ": " + t + "\n"
    return src, apply_edits(src, [(at, at, bare)]), [{"ann-global-target", "compile"}]


BY_VALUE_ANN_LINES = ["typer.run({n})", "SCRIPTED = torch.jit.script({n})", "dispatch.register({n})",
                      "app.add_api_route(\"/{k}\", {n})", "cli.command()({n})"]


def gen_ann_by_value(src, rnd):
    """An annotation edit on a def its unit passes by value (typer.run(main), torch.jit.script(f)): whoever
    receives it may read its annotations."""
    tree = parse(src)
    ctxs = func_contexts(tree)
    funcs = func_list(tree)
    ok = [i for i, fn in enumerate(funcs) if not fn.decorator_list and not ctxs[id(fn)][1]]
    already = [i for i in ok if ctxs[id(funcs[i])][2]]
    top = [i for i in ok if funcs[i] in tree.body and not ctxs[id(funcs[i])][2]]
    if already and (not top or rnd.random() < 0.4):
        fi, base = rnd.choice(already), src
    elif top:
        fi = rnd.choice(top)
        n = funcs[fi].name
        base = append_module_line(src, rnd.choice(BY_VALUE_ANN_LINES).format(n=n, k=n.replace("_", "-")))
    else:
        return None
    new = safe_annotation_edit(base, fi, rnd)
    return (base, new, [{"ann-by-value"}]) if new else None


SINGLEDISPATCH_SNIPPET = ("@singledispatch\ndef {d}(value):\n    return repr(value)\n\n\n"
                          "@{d}.register\ndef _(value: dict):\n    return \", \".join(sorted(value))")
MENTION_HEADERS = {
    "beartype": ["from beartype.claw import beartype_this_package\n\nbeartype_this_package()\n",
                 "import beartype.claw\n\nbeartype.claw.beartype_this_package()\n"],
    "typeguard": ["from typeguard import install_import_hook\n\ninstall_import_hook(\"pipeline\")\n",
                  "import typeguard\n\ntypeguard.install_import_hook(\"stages\")\n"],
    "validate-call": ["from pydantic import validate_call\n", "from pydantic import validate_arguments\n"],
    "singledispatch": ["from functools import singledispatch\n"],
}


def gen_ann_checker(kind):
    """A unit that checks annotations at run time (beartype, typeguard, pydantic's validate_call,
    functools.singledispatch), then an annotation edit the rule would prove."""
    def gen(src, rnd):
        base = add_module_header(src, rnd.choice(MENTION_HEADERS[kind]))
        if kind == "singledispatch":  # appended before a function is picked: func_list indexes would shift
            taken = name_tokens(base)
            d = next((c for c in ("describe", "describe_value", "render_value") if c not in taken), None)
            if d is None:
                return None
            base = append_module_line(base, SINGLEDISPATCH_SNIPPET.format(d=d))
        tree, fi = pick_function(base, rnd, eligible)
        if fi is None:
            return None
        name = func_list(tree)[fi].name
        if kind == "validate-call":
            others = [s.name for s in tree.body if isinstance(s, FUNC_TYPES) and s.name != name]
            if others:
                other = rnd.choice(others)
                word = "validate_call" if "validate_call" in base else "validate_arguments"
                base = append_module_line(base, "%s_checked = %s(%s)" % (other, word, other))
        new = safe_annotation_edit(base, fi, rnd)
        return (base, new, [{"ann-blockers"}]) if new else None
    return gen


# new prove kinds for annotations -----------------------------------------------------------------

def raw_annotation_edit(src, fi, rnd):
    with type_mode("raw"):
        if rnd.random() < 0.3:
            return full_typing(src, fi, rnd)
        return (add_param_annotations(src, fi, rnd) if rnd.random() < 0.5 else None) or any_annotation_edit(src, fi, rnd)


def gen_ann_with_future(src, rnd):
    """Typing names in a unit with `from __future__ import annotations`: nothing is evaluated at def time."""
    base = src if future_annotations(parse(src)) else add_future(src)
    tree, fi = pick_function(base, rnd, eligible)
    if fi is None:
        return None
    new = raw_annotation_edit(base, fi, rnd)
    return (base, new) if new else None


def gen_ann_with_imports(src, rnd):
    """Typing names the unit imports at module level before the def (from typing import Optional)."""
    tree, fi = pick_function(src, rnd, eligible)
    if fi is None:
        return None
    new = raw_annotation_edit(src, fi, rnd)
    if new is None:
        return None
    needed = def_time_names(parse(new)) | def_time_names(tree)
    module_bound = set(ScopeAnalysis(tree).module.bindings)
    if not needed or needed & (BUILTIN_NAMES | module_bound):
        return None  # nothing to import, a builtin the list lacks (Exception) or a name the module defines itself
    header = import_header_for(needed)
    return add_module_header(src, header), add_module_header(new, header)


def builtin_annotation_edit(src, fi, rnd):
    with type_mode("builtin"):
        for edit in rnd.sample([lambda s, f, r: add_param_annotations(s, f, r), add_return_annotation, change_param_annotation,
                                change_return_annotation, lambda s, f, r: add_param_annotations(s, f, r, how_many="all")], 5):
            out = edit(src, fi, rnd)
            if out:
                return out
    return None


# adversarial rename edits (tightened conditions) ------------------------------------------

def pick_own_local(an, rnd, pred=None):
    cands = [s for s in rename_candidates(an) if an.scopes[s[0]].kind == "function" and (pred is None or pred(s))]
    return rnd.choice(cands) if cands else None


NAME_IN_STRING_LINES = ['log.debug("%d rows", len(table.query("score > @{v}")))',
                        'log.debug("%s", duckdb.sql("SELECT count(*) FROM {v}").fetchone())',
                        'log.debug("%s", numexpr.evaluate("{v} * 2"))',
                        'log.debug("%s", frame.query("@{v} in index"))',
                        'log.debug("%s", conn.sql("DESCRIBE {v}").fetchall())']


def gen_rename_name_in_string(src, rnd):
    """A rename of a variable that a string names (df.query("price > @limit"), duckdb.sql("... FROM frame")):
    the library looks the name up in the caller's locals."""
    an = analysis_of(src)
    sym = pick_own_local(an, rnd)
    if sym is None:
        return None
    fn = an.scopes[sym[0]].node
    old = insert_before_last(src, fn, rnd.choice(NAME_IN_STRING_LINES).format(v=sym[1]))
    if old is None:
        return None
    an2 = analysis_of(old, {"ren-string-word"})
    if an2 is None or sym not in rename_candidates(an2):
        return None
    new_name = fresh_name(sym[1], name_tokens(old), rnd)
    new = rename_symbols(old, an2, {sym: new_name}) if new_name else None
    return (old, new, [{"ren-string-word"}]) if new else None


def gen_rename_dunder(src, rnd):
    """A rename to or from a name that starts with __ (mangled in a class, __class__, __debug__)."""
    an = analysis_of(src)
    cands = rename_candidates(an)
    if not cands:
        return None
    sym = rnd.choice(cands)
    taken = name_tokens(src)
    stem = fresh_name(sym[1], taken, rnd) if rnd.random() < 0.5 else sym[1]
    new_name = "__" + (stem or sym[1]).lstrip("_")
    if new_name in taken:
        return None
    out = rename_symbols(src, an, {sym: new_name})
    if out is None:
        return None
    return (src, out, [{"ren-dunder"}]) if rnd.random() < 0.6 else (out, src, [{"ren-dunder"}])


WALRUS_NAMES = ["current", "mapped", "picked", "item_value", "computed"]


def gen_rename_walrus_compvar(src, rnd):
    """A walrus in a comprehension renamed to the comprehension's own for-target: `[x := f(x) for x in xs]`
    is a SyntaxError."""
    an = analysis_of(src)
    text = Text(src)
    options = []
    for sc in an.scopes:
        if sc.kind != "comprehension" or enclosing_function_scope(an, sc) is None:
            continue
        node = sc.node
        elt = node.value if isinstance(node, ast.DictComp) else node.elt
        fors = sorted(n for n, hows in sc.bindings.items() if "compfor" in hows)
        if fors and not isinstance(elt, ast.NamedExpr):
            options.append((elt, fors))
    if not options:
        return None
    elt, fors = rnd.choice(options)
    taken = name_tokens(src)
    walrus = next((w for w in WALRUS_NAMES if w not in taken), None)
    if walrus is None:
        return None
    a, b = text.span(elt)
    expr = src[a:b]
    old = apply_edits(src, [(a, b, "(%s := %s)" % (walrus, expr))])
    new = apply_edits(src, [(a, b, "(%s := %s)" % (rnd.choice(fors), expr))])
    return old, new, [{"ren-walrus-compvar", "compile"}]


CLOSURE_LINES = ["CLOSURE_VARS = inspect.getclosurevars({f}).nonlocals",
                 "CELLS = [cell.cell_contents for cell in {f}.__closure__ or ()]",
                 "FREE_VARS = code_object({f}).co_freevars", "CELL_VARS = code_object({f}).co_cellvars",
                 "CALLER = sys.exc_info()[2].tb_frame.f_code.co_name"]


def gen_rename_closure_introspection(src, rnd):
    """A unit that reads closures or code objects by name (inspect.getclosurevars, __closure__, co_freevars,
    co_cellvars, f_code), then a rename the rule would prove."""
    tree = parse(src)
    names = top_level_names(tree)
    if not names:
        return None
    base = append_module_line(src, rnd.choice(CLOSURE_LINES).format(f=rnd.choice(names)))
    an = analysis_of(base)
    cands = rename_candidates(an, p_closure) or rename_candidates(an)
    if not cands:
        return None
    sym = rnd.choice(cands)
    new_name = fresh_name(sym[1], name_tokens(base), rnd)
    new = rename_symbols(base, an, {sym: new_name}) if new_name else None
    return (base, new, [{"ren-blockers"}]) if new else None


LOCALS_BY_STRING_LINES = ['log.debug("%r", getattr(builtins, "locals")())', 'log.debug("%r", getattr(builtins, "vars")())',
                          'log.debug("%r", builtins.__dict__["eval"]("1 + 1"))',
                          'log.debug("line %d", getattr(inspect, "currentframe")().f_lineno)',
                          'log.debug("%r", getattr(sys, "_getframe")(0).f_lineno)']


def gen_rename_locals_by_string(src, rnd):
    """locals()/vars()/eval/_getframe reached through a string (getattr(builtins, "locals")), then a rename."""
    an = analysis_of(src)
    sym = pick_own_local(an, rnd)
    if sym is None:
        return None
    fn = an.scopes[sym[0]].node
    old = insert_before_last(src, fn, rnd.choice(LOCALS_BY_STRING_LINES))
    if old is None:
        return None
    an2 = analysis_of(old)
    if sym not in rename_candidates(an2):
        return None
    new_name = fresh_name(sym[1], name_tokens(old), rnd)
    new = rename_symbols(old, an2, {sym: new_name}) if new_name else None
    return (old, new, [{"ren-blockers"}]) if new else None


# --- the corpus --------------------------------------------------------------------------

PROVE_CAP = 26
ADVERSARIAL_CAP = 8
DOC, ANN, REN, COMB = "docstrings", "annotations", "renames", "combined"
P, A = "prove", "adversarial"

KINDS = [
    # docstrings
    (DOC, "docstring-changed", P, gen_doc_changed(("def",))),
    (DOC, "docstring-added", P, gen_doc_added(("def",))),
    (DOC, "docstring-removed", P, gen_doc_removed(("def",))),
    (DOC, "docstring-multiline", P, gen_doc_changed(("def",), "multi")),
    (DOC, "docstring-concatenated", P, gen_doc_concatenated),
    (DOC, "class-docstring-changed", P, gen_doc_changed(("class",))),
    (DOC, "class-docstring-added", P, gen_doc_added(("class",))),
    (DOC, "class-docstring-removed", P, gen_doc_removed(("class",))),
    (DOC, "module-docstring-added", P, gen_doc_added(("module",))),
    (DOC, "module-docstring-changed", P, gen_doc_changed(("module",))),
    (DOC, "module-docstring-removed", P, gen_doc_removed(("module",))),
    (DOC, "adversarial-reads-dunder-doc", A, gen_doc_reader("dunder-doc")),
    (DOC, "adversarial-getattr-doc", A, gen_doc_reader("getattr-doc")),
    (DOC, "adversarial-inspect-getdoc", A, gen_doc_reader("inspect-getdoc")),
    (DOC, "adversarial-pydoc", A, gen_doc_reader("pydoc")),
    (DOC, "adversarial-doctest", A, gen_doc_reader("doctest")),
    (DOC, "adversarial-help", A, gen_doc_reader("help")),
    (DOC, "adversarial-fstring-docstring", A, gen_doc_fstring),
    (DOC, "adversarial-bytes-docstring", A, gen_doc_bytes),
    (DOC, "adversarial-second-statement-string", A, gen_doc_second_statement),
    (DOC, "adversarial-decorated-def-docstring", A, gen_doc_decorated),
    (DOC, "adversarial-def-passed-by-value-docstring", A, gen_doc_by_value),
    (DOC, "adversarial-ply-docstring", A, gen_doc_ply),
    (DOC, "adversarial-vars-reads-docstring", A, gen_doc_reads_all(VARS_DOC_LINES)),
    (DOC, "adversarial-computed-getattr-docstring", A, gen_doc_reads_all(COMPUTED_GETATTR_LINES)),
    # annotations
    (ANN, "param-annotation-added", P, gen_ann(lambda s, f, r: add_param_annotations(s, f, r),
                                                want=lambda fn, ctx: eligible(fn, ctx) and has_params(fn, ctx, typed=False))),
    (ANN, "param-annotation-changed", P, gen_ann(change_param_annotation, prepare=ensure_typed_params,
                                                  want=lambda fn, ctx: eligible(fn, ctx) and has_params(fn, ctx))),
    (ANN, "param-annotation-removed", P, gen_ann(lambda s, f, r: add_param_annotations(s, f, r), reverse=True,
                                                  want=lambda fn, ctx: eligible(fn, ctx) and has_params(fn, ctx, typed=False))),
    (ANN, "param-annotation-dropped", P, gen_ann(remove_param_annotations,
                                                  want=lambda fn, ctx: eligible(fn, ctx) and has_params(fn, ctx, typed=True))),
    (ANN, "star-param-annotation", P, gen_ann(lambda s, f, r: add_param_annotations(s, f, r, how_many="all", roles="star"),
                                               want=lambda fn, ctx: eligible(fn, ctx) and any(
                                                   is_star_param(a, fn) for a, d in all_params(fn, ctx)))),
    (ANN, "return-annotation-added", P, gen_ann(add_return_annotation, want=lambda fn, ctx: eligible(fn, ctx) and fn.returns is None)),
    (ANN, "return-annotation-changed", P, gen_ann(change_return_annotation, prepare=ensure_return)),
    (ANN, "return-annotation-removed", P, gen_ann(add_return_annotation, reverse=True,
                                                   want=lambda fn, ctx: eligible(fn, ctx) and fn.returns is None)),
    (ANN, "local-annotation-added", P, gen_ann(add_local_annotation)),
    (ANN, "local-annotation-removed", P, gen_ann(add_local_annotation, reverse=True)),
    (ANN, "bare-local-annotation", P, gen_ann(add_bare_local)),
    (ANN, "self-attribute-annotation", P, gen_ann(add_self_attr_annotation, want=lambda fn, ctx: eligible(fn, ctx) and ctx[0])),
    (ANN, "method-annotation-added", P, gen_ann(lambda s, f, r: add_param_annotations(s, f, r) or add_return_annotation(s, f, r),
                                                 want=lambda fn, ctx: eligible(fn, ctx) and ctx[0])),
    (ANN, "full-typing-pass", P, gen_ann(full_typing)),
    (ANN, "annotation-with-future-import", P, gen_ann_with_future),
    (ANN, "annotation-with-imported-names", P, gen_ann_with_imports),
    (ANN, "annotation-builtin-only", P, gen_ann(builtin_annotation_edit)),
    (ANN, "adversarial-class-body-annotation", A, gen_ann_class_body),
    (ANN, "adversarial-decorated-function", A, gen_ann_decorated),
    (ANN, "adversarial-decorated-class-method", A, gen_ann_decorated_class),
    (ANN, "adversarial-future-annotations", A, gen_ann_future),
    (ANN, "adversarial-reads-dunder-annotations", A, gen_ann_reader("dunder-annotations")),
    (ANN, "adversarial-get-type-hints", A, gen_ann_reader("get-type-hints")),
    (ANN, "adversarial-inspect-signature", A, gen_ann_reader("inspect-signature")),
    (ANN, "adversarial-typing-get-args", A, gen_ann_reader("typing-get-args")),
    (ANN, "adversarial-bare-annotation-unbound", A, gen_ann_bare_unbound),
    (ANN, "adversarial-bare-attribute-annotation", A, gen_ann_bare_attr),
    (ANN, "adversarial-non-type-annotation", A, gen_ann_non_type),
    (ANN, "adversarial-undefined-name-annotation", A, gen_ann_undefined),
    (ANN, "adversarial-self-referencing-method-annotation", A, gen_ann_self_ref),
    (ANN, "adversarial-annotated-global", A, gen_ann_global_target),
    (ANN, "adversarial-def-passed-by-value-annotation", A, gen_ann_by_value),
    (ANN, "adversarial-beartype", A, gen_ann_checker("beartype")),
    (ANN, "adversarial-typeguard", A, gen_ann_checker("typeguard")),
    (ANN, "adversarial-validate-call", A, gen_ann_checker("validate-call")),
    (ANN, "adversarial-singledispatch", A, gen_ann_checker("singledispatch")),
    # renames
    (REN, "rename-local", P, gen_rename()),
    (REN, "rename-several", P, gen_rename(count=(2, 2, 3))),
    (REN, "rename-swap", P, gen_rename_swap),
    (REN, "rename-loop-var", P, gen_rename(p_for)),
    (REN, "rename-comprehension-var", P, gen_rename(p_comp)),
    (REN, "rename-except-as", P, gen_rename(p_how("except"))),
    (REN, "rename-with-as", P, gen_rename(p_how("with"))),
    (REN, "rename-walrus", P, gen_rename(p_how("walrus"))),
    (REN, "rename-closure-var", P, gen_rename(p_closure)),
    (REN, "rename-accumulator", P, gen_rename(p_accumulator)),
    (REN, "rename-tuple-unpack", P, gen_rename(p_tuple)),
    (REN, "rename-method-local", P, gen_rename(p_method)),
    (REN, "rename-all-locals", P, gen_rename_all),
    (REN, "rename-shared-name", P, gen_rename_shared),
    (REN, "adversarial-rename-parameter", A, gen_rename_ignoring({"ren-params"}, pe_param, [{"ren-params"}])),
    (REN, "adversarial-rename-global", A, gen_rename_ignoring({"ren-global", "ren-collision"}, pe_global,
                                                              [{"ren-global"}, {"ren-global", "ren-collision"}])),
    (REN, "adversarial-rename-nonlocal", A, gen_rename_ignoring({"ren-nonlocal"}, pe_nonlocal, [{"ren-nonlocal"}])),
    (REN, "adversarial-rename-def-name", A, gen_rename_ignoring({"ren-def"}, pe_def, [{"ren-def"}])),
    (REN, "adversarial-rename-with-locals", A, gen_rename_with_blocker("locals")),
    (REN, "adversarial-rename-with-vars", A, gen_rename_with_blocker("vars")),
    (REN, "adversarial-rename-with-dir", A, gen_rename_with_blocker("dir")),
    (REN, "adversarial-rename-with-eval", A, gen_rename_with_blocker("eval")),
    (REN, "adversarial-rename-with-exec", A, gen_rename_with_blocker("exec")),
    (REN, "adversarial-rename-with-getframe", A, gen_rename_with_blocker("getframe")),
    (REN, "adversarial-rename-with-fstring-debug", A, gen_rename_with_blocker("fstring-debug")),
    (REN, "adversarial-rename-shadows-builtin", A, gen_rename_shadow("builtin")),
    (REN, "adversarial-rename-shadows-global", A, gen_rename_shadow("global")),
    (REN, "adversarial-rename-nested-capture", A, gen_rename_shadow("nested")),
    (REN, "adversarial-rename-name-used-elsewhere", A, gen_rename_used_elsewhere),
    (REN, "adversarial-rename-merge", A, gen_rename_merge),
    (REN, "adversarial-rename-missed-occurrence", A, gen_rename_missed),
    (REN, "adversarial-rename-attribute", A, gen_rename_attribute),
    (REN, "adversarial-rename-keyword-argument", A, gen_rename_keyword),
    (REN, "adversarial-rename-class-body-ref", A, gen_rename_ignoring({"ren-classbody"}, pe_any, [{"ren-classbody"}])),
    (REN, "adversarial-rename-name-in-string", A, gen_rename_name_in_string),
    (REN, "adversarial-rename-dunder-name", A, gen_rename_dunder),
    (REN, "adversarial-rename-walrus-onto-comprehension-var", A, gen_rename_walrus_compvar),
    (REN, "adversarial-rename-getclosurevars", A, gen_rename_closure_introspection),
    (REN, "adversarial-rename-locals-by-string", A, gen_rename_locals_by_string),
    # combined
    (COMB, "combined-docstring-annotation", P, gen_combined([DOC, ANN])),
    (COMB, "combined-docstring-rename", P, gen_combined([DOC, REN])),
    (COMB, "combined-annotation-rename", P, gen_combined([ANN, REN])),
    (COMB, "combined-all-three", P, gen_combined([DOC, ANN, REN])),
    (COMB, "combined-all-three-with-layout", P, gen_combined([DOC, ANN, REN], layout=True)),
    (COMB, "rule-edit-with-layout", P, gen_rule_plus_layout),
    (COMB, "rename-plus-constant-change", A, gen_rule_plus_change(ren_step, constant_change)),
    (COMB, "docstring-plus-operator-change", A, gen_rule_plus_change(doc_step, operator_change)),
    (COMB, "annotation-plus-default-change", A, gen_rule_plus_change(ann_param_step, change_default)),
]

CAPS = {"combined-all-three-with-layout": 20, "rename-shared-name": 12, "rule-edit-with-layout": 30,
        "rename-plus-constant-change": 12, "docstring-plus-operator-change": 12, "annotation-plus-default-change": 12}
PREFIX = {DOC: "doc", ANN: "ann", REN: "ren", COMB: "comb"}


def short_kind(kind):
    for p in ("docstring-", "annotation-", "rename-"):
        if kind.startswith(p):
            kind = kind[len(p):]
    return kind.replace("adversarial-", "adv-")


def sources():
    return [("f%02d" % i, s) for i, s in enumerate(BASE_FUNCTIONS)] + [("r%02d" % i, s) for i, s in enumerate(RULE_FUNCTIONS)]


def generate(log=None):
    rnd = random.Random(SEED)
    pairs, seen = [], set()
    stats = {}
    for rule, kind, intent, gen in KINDS:
        cap = CAPS.get(kind, PROVE_CAP if intent == P else ADVERSARIAL_CAP)
        order = sources()
        rnd.shuffle(order)
        per_source = {}
        st = stats.setdefault(kind, {"dropped-equal": 0, "dropped-not-one-away": 0, "errors": 0})
        for round_no in ((0, 1) if intent == P else (0,)):
            for sid, src in order:
                if sum(per_source.values()) >= cap:
                    break
                if per_source.get(sid, 0) > round_no:
                    continue
                for attempt in range(3):
                    try:
                        out = gen(src, rnd)
                    except (SyntaxError, ValueError, IndexError, KeyError, AttributeError, TypeError,
                            tokenize.TokenError, IndentationError) as problem:
                        st["errors"] += 1
                        if log:
                            log.write("%s %s: %r\n" % (kind, sid, problem))
                        out = None
                    if not out:
                        continue
                    old, new = out[0], out[1]
                    ignore_sets = out[2] if len(out) > 2 else None
                    mid = out[3] if len(out) > 3 else None
                    # the new version may fail to compile only in a pair built to (a SyntaxError the compiler
                    # finds and ast.parse does not: `x: int` after `global x`, `[x := x for x in xs]`)
                    may_not_compile = bool(ignore_sets) and all("compile" in ig for ig in ignore_sets)
                    if not old or not new or old == new or (old, new) in seen or not compiles(old) or parse(new) is None \
                            or not (compiles(new) or may_not_compile):
                        continue
                    label = oracle(old, new)
                    if intent == A:
                        if label["ruleEqual"]:
                            st["dropped-equal"] += 1
                            continue
                        if ignore_sets and not any(oracle(old, new, frozenset(ig))["ruleEqual"] for ig in ignore_sets):
                            st["dropped-not-one-away"] += 1
                            continue
                        if mid is not None and not oracle(old, mid)["ruleEqual"]:
                            st["dropped-not-one-away"] += 1
                            continue
                    seen.add((old, new))
                    n = per_source.get(sid, 0)
                    per_source[sid] = n + 1
                    pairs.append({"id": "%s-%s-%s-%d" % (PREFIX[rule], sid, short_kind(kind), n), "rule": rule,
                                  "kind": kind, "intent": intent, "old": old, "new": new,
                                  "ruleEqual": label["ruleEqual"], "rules": label["rules"], "blocked": label["blocked"]})
                    break
    return pairs, stats


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        HERE, "..", "src", "test", "resources", "corpus", "python-rule-pairs.jsonl")
    log = open(os.devnull, "w") if not os.environ.get("RULE_CORPUS_DEBUG") else sys.stderr
    pairs, stats = generate(log)
    ids = [p["id"] for p in pairs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(out_path, "w", encoding="utf-8") as out:
        for p in pairs:
            out.write(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n")
    err = sys.stderr
    err.write("%-10s %-42s %-11s %6s %9s %8s %s\n" % ("rule", "kind", "intent", "pairs", "ruleEqual", "sources", "dropped"))
    by_kind = {}
    for p in pairs:
        by_kind.setdefault((p["rule"], p["kind"], p["intent"]), []).append(p)
    for rule, kind, intent, gen in KINDS:
        ps = by_kind.get((rule, kind, intent), [])
        st = stats[kind]
        dropped = ", ".join("%s %d" % (k, v) for k, v in st.items() if v)
        err.write("%-10s %-42s %-11s %6d %9d %8d %s\n" % (rule, kind, intent, len(ps), sum(p["ruleEqual"] for p in ps),
                                                          len({p["id"].split("-")[1] for p in ps}), dropped))
    err.write("\n%-10s %6s %9s %8s %12s\n" % ("rule", "pairs", "ruleEqual", "prove", "adversarial"))
    for rule in (DOC, ANN, REN, COMB):
        ps = [p for p in pairs if p["rule"] == rule]
        err.write("%-10s %6d %9d %8d %12d\n" % (rule, len(ps), sum(p["ruleEqual"] for p in ps),
                                                 sum(p["intent"] == P for p in ps), sum(p["intent"] == A for p in ps)))
    needed = {}
    for p in pairs:
        key = "+".join(p["rules"]) or "-"
        needed[key] = needed.get(key, 0) + 1
    err.write("rules needed: %s\n" % ", ".join("%s %d" % kv for kv in sorted(needed.items())))
    subset_only = {}
    for p in pairs:
        if p["ruleEqual"] and p["rules"] and not full_set_equal(p["old"], p["new"]):
            subset_only[p["kind"]] = subset_only.get(p["kind"], 0) + 1
    err.write("equal under a subset of the enabled rules but not under all of them (renames is not monotone): %d (%s)\n" % (
        sum(subset_only.values()), ", ".join("%s %d" % kv for kv in sorted(subset_only.items())) or "none"))
    thin = [k for (r, k, i), ps in by_kind.items() if i == A and len({p["id"].split("-")[1] for p in ps}) < 3]
    missing = [k for r, k, i, g in KINDS if i == A and (r, k, i) not in by_kind]
    err.write("total %d pairs, %d ruleEqual, %d adversarial kinds; kinds with < 3 sources: %s\n" % (
        len(pairs), sum(p["ruleEqual"] for p in pairs), sum(1 for r, k, i, g in KINDS if i == A),
        ", ".join(thin + missing) or "none"))


if __name__ == "__main__":
    main()
