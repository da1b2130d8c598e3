#!/usr/bin/env python3
"""Builds the labelled triage corpus: pairs (old, new) of Python source with the edit kind that
produced them and the ground truth from CPython's own parser.

Ground truth: astEqual is True only when both texts parse and ast.dump of both is equal after
clearing Constant.kind (u'x' and 'x' are the same value in Python 3). An edit meant to be
cosmetic that CPython says changes the tree is labelled different: the labeller, not the intent,
is the truth.

Usage: python3 make_corpus.py [output.jsonl]   (stdlib only, deterministic)
"""
import ast
import io
import json
import os
import random
import re
import sys
import tokenize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from base_functions import BASE_FUNCTIONS  # noqa: E402

VARIANTS_PER_KIND = 4
SEED = 20261127


# --- labelling ---------------------------------------------------------------------------

def normalized_dump(source):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            node.kind = None
    return ast.dump(tree)


def ast_equal(old, new):
    a, b = normalized_dump(old), normalized_dump(new)
    return a is not None and b is not None and a == b


# --- token helpers -----------------------------------------------------------------------

def tokens(src):
    return list(tokenize.generate_tokens(io.StringIO(src).readline))


def offsets(src):
    starts, pos = [], 0
    for line in src.splitlines(keepends=True):
        starts.append(pos)
        pos += len(line)
    starts.append(pos)
    return starts


def abs_pos(starts, rowcol):
    row, col = rowcol
    return starts[row - 1] + col


def replace_span(src, start, end, text):
    return src[:start] + text + src[end:]


def string_lines(src):
    """Lines that continue a multi-line string: their leading whitespace is string content."""
    inside = set()
    for tok in tokens(src):
        if tok.type == tokenize.STRING and tok.start[0] != tok.end[0]:
            inside.update(range(tok.start[0] + 1, tok.end[0] + 1))
    return inside


def string_prefix(tok_string):
    m = re.match(r"([A-Za-z]*)('''|\"\"\"|'|\")", tok_string)
    return m.group(1), m.group(2)


def matching_close(toks, open_index):
    depth = 0
    for j in range(open_index, len(toks)):
        s = toks[j].string
        if toks[j].type == tokenize.OP and s in "([{":
            depth += 1
        elif toks[j].type == tokenize.OP and s in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return None


# --- cosmetic edits ----------------------------------------------------------------------

def edit_comment(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    comments = [t for t in toks if t.type == tokenize.COMMENT]
    choice = rnd.randrange(3)
    if choice == 0 and comments:
        t = rnd.choice(comments)
        return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), "# reworded: " + t.string[1:].strip()[::-1])
    if choice == 1 and comments:
        t = rnd.choice(comments)
        return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), "").replace(" \n", "\n")
    newlines = [t for t in toks if t.type == tokenize.NEWLINE]
    t = rnd.choice(newlines)
    if rnd.random() < 0.5:
        return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.start), "  # note: see ticket #42 'quoted'")
    line = src.splitlines(keepends=True)[t.start[0] - 1]
    indent = line[: len(line) - len(line.lstrip())]
    return replace_span(src, starts[t.start[0] - 1], starts[t.start[0] - 1], indent + "# TODO(alice): revisit \"this\"\n")


def edit_reindent(src, rnd):
    keep = string_lines(src)
    out = []
    for number, line in enumerate(src.splitlines(keepends=True), start=1):
        stripped = line.lstrip(" ")
        width = len(line) - len(stripped)
        if number in keep or not stripped.strip():
            out.append(line)
        else:
            out.append(" " * (width // 2) + stripped)
    return "".join(out)


def edit_reindent_tabs(src, rnd):
    keep = string_lines(src)
    out = []
    for number, line in enumerate(src.splitlines(keepends=True), start=1):
        stripped = line.lstrip(" ")
        width = len(line) - len(stripped)
        out.append(line if number in keep else "\t" * (width // 4) + " " * (width % 4) + stripped)
    return "".join(out)


def edit_split_call(src, rnd):
    """black: one argument per line with a magic trailing comma."""
    toks = tokens(src)
    starts = offsets(src)
    candidates = []
    for i, t in enumerate(toks):
        if t.type == tokenize.OP and t.string in "([{":
            j = matching_close(toks, i)
            if j is None or toks[j].start[0] != t.start[0] or j == i + 1:
                continue
            depth, commas = 0, []
            for k in range(i + 1, j):
                s = toks[k].string
                if toks[k].type == tokenize.OP and s in "([{":
                    depth += 1
                elif toks[k].type == tokenize.OP and s in ")]}":
                    depth -= 1
                elif depth == 0 and s == ",":
                    commas.append(k)
            if commas:
                candidates.append((i, j, commas))
    if not candidates:
        return None
    i, j, commas = rnd.choice(candidates)
    line = src.splitlines(keepends=True)[toks[i].start[0] - 1]
    indent = line[: len(line) - len(line.lstrip())]
    inner = indent + "    "
    pieces, begin = [], i + 1
    for k in commas + [j]:
        a = abs_pos(starts, toks[begin].start)
        b = abs_pos(starts, toks[k - 1].end)
        if b > a:
            pieces.append(src[a:b])
        begin = k + 1
    body = "".join("\n" + inner + p + "," for p in pieces) + "\n" + indent
    return replace_span(src, abs_pos(starts, toks[i].end), abs_pos(starts, toks[j].start), body)


def edit_join_lines(src, rnd):
    """The reverse of a split: collapse one multi-line bracket onto a single line."""
    toks = tokens(src)
    starts = offsets(src)
    candidates = []
    for i, t in enumerate(toks):
        if t.type == tokenize.OP and t.string in "([{":
            j = matching_close(toks, i)
            if j is not None and toks[j].start[0] != t.start[0]:
                if not any(x.type == tokenize.COMMENT for x in toks[i:j]) and not any(
                        x.type == tokenize.STRING and x.start[0] != x.end[0] for x in toks[i:j]):
                    candidates.append((i, j))
    if not candidates:
        return None
    i, j = rnd.choice(candidates)
    a, b = abs_pos(starts, toks[i].end), abs_pos(starts, toks[j].start)
    joined = re.sub(r"\s*\n\s*", " ", src[a:b]).strip()
    return replace_span(src, a, b, joined)


def edit_quote_style(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    out = src
    for t in reversed([t for t in toks if t.type == tokenize.STRING]):
        prefix, quote = string_prefix(t.string)
        if len(quote) == 3 or rnd.random() < 0.3:
            continue
        body = t.string[len(prefix) + 1:-1]
        other = '"' if quote == "'" else "'"
        if other in body or "\\" + quote in body:
            continue
        out = replace_span(out, abs_pos(starts, t.start), abs_pos(starts, t.end), prefix + other + body + other)
    return out


def edit_add_parens(src, rnd):
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    candidates = []
    for n, line in enumerate(lines, start=1):
        if n in keep or "#" in line:
            continue
        m = re.match(r"^(\s*)(return|if|elif|while) (.+?)(:?)\n$", line)
        if m and m.group(2) == "return" and not m.group(4):
            candidates.append((n, m.group(1) + "return (" + m.group(3) + ")\n"))
        elif m and m.group(2) != "return" and m.group(4) == ":":
            candidates.append((n, m.group(1) + m.group(2) + " (" + m.group(3) + "):\n"))
        m = re.match(r"^(\s*)([A-Za-z_][\w.]*) = (.+)\n$", line)
        if m and not m.group(3).endswith((",", "(", "[", "{")):
            candidates.append((n, m.group(1) + m.group(2) + " = (" + m.group(3) + ")\n"))
    if not candidates:
        return None
    n, new_line = rnd.choice(candidates)
    lines[n - 1] = new_line
    return "".join(lines)


def edit_trailing_comma(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    candidates = []
    for i, t in enumerate(toks):
        if t.type == tokenize.OP and t.string in ")]}" and i > 0:
            prev = toks[i - 1]
            if prev.type == tokenize.OP and prev.string in ",([{":
                continue
            if prev.type in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                continue
            candidates.append(prev)
    if not candidates:
        return None
    prev = rnd.choice(candidates)
    p = abs_pos(starts, prev.end)
    return replace_span(src, p, p, ",")


def edit_u_prefix(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    plain = [t for t in toks if t.type == tokenize.STRING and string_prefix(t.string)[0] == ""]
    if not plain:
        return None
    out = src
    for t in sorted(rnd.sample(plain, max(1, len(plain) // 2)), key=lambda t: t.start, reverse=True):
        p = abs_pos(starts, t.start)
        out = replace_span(out, p, p, "u")
    return out


def edit_blank_lines(src, rnd):
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    spots = [n for n in range(2, len(lines) + 1) if n not in keep]
    if not spots:
        return None
    n = rnd.choice(spots)
    return "".join(lines[: n - 1]) + "\n\n" + "".join(lines[n - 1:])


def edit_split_string(src, rnd):
    """Implicit concatenation: 'abcdef' -> ('abc' 'def')."""
    toks = tokens(src)
    starts = offsets(src)
    candidates = []
    for t in toks:
        if t.type != tokenize.STRING:
            continue
        prefix, quote = string_prefix(t.string)
        body = t.string[len(prefix) + len(quote):-len(quote)]
        if len(quote) == 1 and "f" not in prefix.lower() and len(body) >= 6 and "\\" not in body:
            candidates.append((t, prefix, quote, body))
    if not candidates:
        return None
    t, prefix, quote, body = rnd.choice(candidates)
    cut = rnd.randrange(1, len(body))
    new = "(" + prefix + quote + body[:cut] + quote + " " + prefix + quote + body[cut:] + quote + ")"
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_number_spelling(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    nums = [t for t in toks if t.type == tokenize.NUMBER]
    if not nums:
        return None
    t = rnd.choice(nums)
    s = t.string
    if re.fullmatch(r"\d+", s) and int(s) > 0:
        new = rnd.choice([hex(int(s)), "%d_%s" % (int(s) // 1, "")[:-1] if False else "{:_}".format(int(s)), oct(int(s))])
    elif re.fullmatch(r"\d+\.\d+", s):
        new = rnd.choice([s + "0", s.upper() if "e" in s else s + "e0"])
    else:
        new = s.upper()
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_escape_spelling(src, rnd):
    """Same value, different spelling: '\\n' -> '\\012', 'a' -> '\\x61'."""
    toks = tokens(src)
    starts = offsets(src)
    cands = [t for t in toks if t.type == tokenize.STRING and "r" not in string_prefix(t.string)[0].lower()
             and "f" not in string_prefix(t.string)[0].lower()]
    if not cands:
        return None
    t = rnd.choice(cands)
    if "\\n" in t.string:
        new = t.string.replace("\\n", "\\012", 1)
    else:
        m = re.search(r"[a-z]", t.string[len(string_prefix(t.string)[0]) + 1:])
        if not m:
            return None
        k = m.start() + len(string_prefix(t.string)[0]) + 1
        new = t.string[:k] + "\\x%02x" % ord(t.string[k]) + t.string[k + 1:]
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_semicolon_join(src, rnd):
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    simple = re.compile(r"^(\s*)([A-Za-z_][\w.\[\]\"']* [+\-*/]?= [^#:\n]+|[\w.]+\([^#:\n]*\))\n$")
    cands = []
    for n in range(1, len(lines)):
        a, b = simple.match(lines[n - 1]), simple.match(lines[n])
        if a and b and a.group(1) == b.group(1) and n not in keep and n + 1 not in keep:
            cands.append(n)
    if not cands:
        return None
    n = rnd.choice(cands)
    lines[n - 1] = lines[n - 1].rstrip("\n") + "; " + lines[n].lstrip()
    del lines[n]
    return "".join(lines)


def edit_backslash_continuation(src, rnd):
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    cands = [n for n, l in enumerate(lines, start=1)
             if n not in keep and re.search(r" (\+|and|or|if|else) ", l) and "#" not in l and l.rstrip().endswith((")", "]", "e", "s", "0"))]
    if not cands:
        return None
    n = rnd.choice(cands)
    line = lines[n - 1]
    m = list(re.finditer(r" (\+|and|or) ", line))
    if not m:
        return None
    k = rnd.choice(m).start()
    in_brackets = line[:k].count("(") + line[:k].count("[") + line[:k].count("{") > line[:k].count(")") + line[:k].count("]") + line[:k].count("}")
    joiner = "\n" if in_brackets else " \\\n"
    lines[n - 1] = line[:k] + joiner + "        " + line[k + 1:]
    return "".join(lines)


def edit_combined(src, rnd):
    out = src
    for edit in rnd.sample([edit_comment, edit_reindent, edit_split_call, edit_quote_style, edit_add_parens,
                            edit_trailing_comma, edit_u_prefix, edit_blank_lines], 3):
        try:
            changed = edit(out, rnd)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            changed = None
        out = changed or out
    return out


# --- semantic edits ----------------------------------------------------------------------

def edit_number(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    nums = [t for t in toks if t.type == tokenize.NUMBER]
    if not nums:
        return None
    t = rnd.choice(nums)
    new = t.string + "1" if "." not in t.string else t.string.replace(".", ".0", 1) + "5"
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


OPERATOR_SWAPS = {"+": "-", "-": "+", ">": ">=", ">=": ">", "<": "<=", "<=": "<", "==": "!=", "!=": "==",
                  "*": "/", "/": "*", "and": "or", "or": "and", "in": "not in", "is": "is not", "//": "/", "%": "//"}


def edit_operator(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    cands = [t for t in toks if t.string in OPERATOR_SWAPS and (t.type == tokenize.OP or t.string in ("and", "or", "is"))]
    if not cands:
        return None
    t = rnd.choice(cands)
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), OPERATOR_SWAPS[t.string])


def edit_name(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    import keyword
    names = [t for t in toks if t.type == tokenize.NAME and not keyword.iskeyword(t.string)]
    t = rnd.choice(names)
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), t.string + "_2")


def edit_call(src, rnd):
    toks = tokens(src)
    starts = offsets(src)
    calls = [i for i in range(1, len(toks)) if toks[i].string == "(" and toks[i - 1].type == tokenize.NAME
             and toks[i - 1].string not in ("def", "class", "if", "return", "and", "or", "in", "not", "while")]
    if not calls:
        return None
    i = rnd.choice(calls)
    if rnd.random() < 0.5:
        name = toks[i - 1]
        return replace_span(src, abs_pos(starts, name.start), abs_pos(starts, name.end), "other_" + name.string)
    j = matching_close(toks, i)
    p = abs_pos(starts, toks[j].start)
    empty = j == i + 1
    return replace_span(src, p, p, ("" if empty else ", ") + "strict=True")


def edit_decorator(src, rnd):
    lines = src.splitlines(keepends=True)
    decos = [n for n, l in enumerate(lines) if l.lstrip().startswith("@")]
    defs = [n for n, l in enumerate(lines) if re.match(r"\s*(async def|def|class) ", l)]
    choice = rnd.randrange(3)
    if choice == 0 and decos:
        del lines[rnd.choice(decos)]
    elif choice == 1 and decos:
        n = rnd.choice(decos)
        lines[n] = lines[n].replace("@", "@cached_", 1) if "(" not in lines[n] else lines[n].replace("(", "(7, ", 1)
    elif defs:
        n = rnd.choice(defs)
        indent = lines[n][: len(lines[n]) - len(lines[n].lstrip())]
        lines.insert(n, indent + "@functools.lru_cache(maxsize=None)\n")
    else:
        return None
    return "".join(lines)


def edit_docstring(src, rnd):
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and ast.get_docstring(node, clean=False):
            first = node.body[0].value
            lines = src.splitlines(keepends=True)
            line = lines[first.lineno - 1]
            m = re.search(r"[A-Za-z]{3,}", line[first.col_offset:])
            if m:
                k = first.col_offset + m.start()
                lines[first.lineno - 1] = line[:k] + rnd.choice(["Quickly ", "Also ", "Then "]) + line[k:]
                return "".join(lines)
    return None


def _string_tokens(src, accept):
    return [t for t in tokens(src) if t.type == tokenize.STRING and accept(t)]


def edit_string_whitespace(src, rnd):
    starts = offsets(src)
    cands = _string_tokens(src, lambda t: " " in t.string or len(t.string) > 4)
    if not cands:
        return None
    t = rnd.choice(cands)
    k = t.string.find(" ")
    if k < 0:
        k = len(string_prefix(t.string)[0]) + len(string_prefix(t.string)[1]) + 1
    new = t.string[:k] + rnd.choice(["  ", " \t", "\n" if t.string.endswith(('"""', "'''")) else "   "]) + t.string[k + 1:]
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_hash_in_string(src, rnd):
    starts = offsets(src)
    cands = _string_tokens(src, lambda t: len(t.string) > 3)
    if not cands:
        return None
    with_hash = [t for t in cands if "#" in t.string]
    if with_hash and rnd.random() < 0.6:
        t = rnd.choice(with_hash)
        k = t.string.index("#")
        prefix, quote = string_prefix(t.string)
        end = t.string.rfind(quote)
        new = t.string[:k + 1] + " trimmed" + t.string[end:] if rnd.random() < 0.5 else t.string[:k] + t.string[end:]
    else:
        t = rnd.choice(cands)
        prefix, quote = string_prefix(t.string)
        end = len(t.string) - len(quote)
        new = t.string[:end] + " # not a comment" + t.string[end:]
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_raw_toggle(src, rnd):
    starts = offsets(src)
    cands = _string_tokens(src, lambda t: "\\" in t.string)
    if not cands:
        return None
    t = rnd.choice(cands)
    prefix, quote = string_prefix(t.string)
    if "r" in prefix.lower():
        new_prefix = prefix.replace("r", "").replace("R", "")
    else:
        new_prefix = "r" + prefix.replace("u", "")
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new_prefix + t.string[len(prefix):])


def edit_move_between_blocks(src, rnd):
    """Dedent the last statement of a block, or indent the statement after it: indentation alone."""
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    cands = []
    for n in range(1, len(lines)):
        a, b = lines[n - 1], lines[n]
        if (n in keep) or (n + 1 in keep) or not a.strip() or not b.strip():
            continue
        wa, wb = len(a) - len(a.lstrip()), len(b) - len(b.lstrip())
        if wa > wb and not a.rstrip().endswith(":") and not b.lstrip().startswith(("else", "elif", "except", "finally")):
            cands.append((n - 1, wb - wa))
            cands.append((n, wa - wb))
    if not cands:
        return None
    n, delta = rnd.choice(cands)
    line = lines[n]
    lines[n] = line[-delta:] if delta < 0 else " " * delta + line
    return "".join(lines)


def edit_string_content(src, rnd):
    starts = offsets(src)
    cands = _string_tokens(src, lambda t: re.search(r"[a-z]{3,}", t.string) is not None)
    if not cands:
        return None
    t = rnd.choice(cands)
    m = re.search(r"[a-z]{3,}", t.string)
    new = t.string[:m.start()] + m.group(0).upper() + t.string[m.end():]
    return replace_span(src, abs_pos(starts, t.start), abs_pos(starts, t.end), new)


def edit_delete_statement(src, rnd):
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    cands = [n for n, l in enumerate(lines, start=1)
             if n > 1 and n not in keep and re.match(r"^\s+[\w.\[\]\"']+( [+\-]?=|\()", l) and l.rstrip().endswith((")", "]", "0", "e", "s", "1", "}"))]
    if not cands:
        return None
    n = rnd.choice(cands)
    line = lines[n - 1]
    indent = line[: len(line) - len(line.lstrip())]
    lines[n - 1] = indent + "pass\n"
    return "".join(lines)


def edit_drop_parens(src, rnd):
    """Removing parentheses that matter: (a + b) * c -> a + b * c, (x,) -> x."""
    toks = tokens(src)
    starts = offsets(src)
    cands = []
    for i, t in enumerate(toks):
        if t.string == "(" and i > 0 and (toks[i - 1].type == tokenize.OP and toks[i - 1].string not in ")]}"
                                           or toks[i - 1].string in ("return", "in", "=", "not", "and", "or")):
            j = matching_close(toks, i)
            if j and toks[j].start[0] == t.start[0]:
                cands.append((i, j))
    if not cands:
        return None
    i, j = rnd.choice(cands)
    a, b = abs_pos(starts, toks[i].start), abs_pos(starts, toks[j].start)
    return src[:a] + src[a + 1:b] + src[b + 1:]


FUZZ_CHARS = [" ", "(", ")", ",", ":", "'", '"', "\\", "#", "\n", "    ", "\t", "*", "=", ".", "[", "]"]


def edit_fuzz_char(src, rnd):
    """Insert or delete one character anywhere: hunts for texts tree-sitter accepts and CPython does not."""
    k = rnd.randrange(len(src))
    if rnd.random() < 0.5:
        return src[:k] + src[k + 1:]
    return src[:k] + rnd.choice(FUZZ_CHARS) + src[k:]


def edit_tuple_spelling(src, rnd):
    """Add or drop parentheses around a bare tuple, or the comma of a one-element tuple."""
    lines = src.splitlines(keepends=True)
    keep = string_lines(src)
    cands = []
    for n, line in enumerate(lines):
        if n + 1 in keep or "#" in line:
            continue
        m = re.match(r"^(\s*)(return|for|del|[\w.]+ =|[\w, ]+ =) (.+?)(:?)\n$", line)
        if m and "," in m.group(3):
            cands.append((n, m.group(1) + m.group(2) + " (" + m.group(3) + ")" + m.group(4) + "\n"))
        m = re.match(r"^(\s*)(.*)\((\w+),\)(.*)\n$", line)
        if m:
            cands.append((n, m.group(1) + m.group(2) + "(" + m.group(3) + ")" + m.group(4) + "\n"))
    if not cands:
        return None
    n, new_line = rnd.choice(cands)
    lines[n] = new_line
    return "".join(lines)


COSMETIC = {
    "comment": edit_comment,
    "reindent_4_to_2": edit_reindent,
    "reindent_tabs": edit_reindent_tabs,
    "black_split": edit_split_call,
    "line_join": edit_join_lines,
    "quote_style": edit_quote_style,
    "redundant_parens": edit_add_parens,
    "trailing_comma": edit_trailing_comma,
    "u_prefix": edit_u_prefix,
    "blank_lines": edit_blank_lines,
    "implicit_concat": edit_split_string,
    "number_spelling": edit_number_spelling,
    "escape_spelling": edit_escape_spelling,
    "semicolon_join": edit_semicolon_join,
    "backslash_continuation": edit_backslash_continuation,
    "combined_cosmetic": edit_combined,
}

SEMANTIC = {
    "number": edit_number,
    "operator": edit_operator,
    "name": edit_name,
    "call": edit_call,
    "decorator": edit_decorator,
    "docstring": edit_docstring,
    "string_whitespace": edit_string_whitespace,
    "hash_in_string": edit_hash_in_string,
    "raw_vs_escaped": edit_raw_toggle,
    "moved_between_blocks": edit_move_between_blocks,
    "string_content": edit_string_content,
    "statement_replaced": edit_delete_statement,
    "meaningful_parens": edit_drop_parens,
    "tuple_spelling": edit_tuple_spelling,
    "fuzz_char": edit_fuzz_char,
}

VARIANTS = {"fuzz_char": 60}


def generate():
    rnd = random.Random(SEED)
    pairs, seen = [], set()
    for f_index, old in enumerate(BASE_FUNCTIONS):
        for intent, edits in (("cosmetic", COSMETIC), ("semantic", SEMANTIC)):
            for kind, edit in edits.items():
                wanted = VARIANTS.get(kind, VARIANTS_PER_KIND)
                for attempt in range(wanted * 3):
                    if sum(1 for p in pairs if p["kind"] == kind and p["base"] == f_index) >= wanted:
                        break
                    try:
                        new = edit(old, rnd)
                    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError, IndexError):
                        new = None
                    if not new or new == old or (old, new) in seen:
                        continue
                    seen.add((old, new))
                    pairs.append({"id": "f%02d-%s-%d" % (f_index, kind, attempt), "base": f_index, "kind": kind,
                                  "intent": intent, "old": old, "new": new, "astEqual": ast_equal(old, new)})
    return pairs


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "corpus", "python-pairs.jsonl")
    pairs = generate()
    with open(out_path, "w", encoding="utf-8") as out:
        for p in pairs:
            out.write(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n")
    by_kind = {}
    for p in pairs:
        stats = by_kind.setdefault(p["kind"], [0, 0])
        stats[0] += 1
        stats[1] += p["astEqual"]
    for kind, (total, equal) in by_kind.items():
        print("%-24s %4d pairs, %4d AST-equal" % (kind, total, equal))
    print("total %d pairs, %d AST-equal" % (len(pairs), sum(p["astEqual"] for p in pairs)))


if __name__ == "__main__":
    main()
