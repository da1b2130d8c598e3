package dev.stalewatch.triage.python;

import dev.stalewatch.triage.python.NormalToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a string or an implicit concatenation of strings into its value: one STRING or BYTES
 * token, or, if any part is an f-string, the parts CPython's JoinedStr holds (merged literal text
 * and replacement fields compared as trees).
 */
final class StringLiteralNormalizer {

    private final PythonTreeNormalizer trees;

    StringLiteralNormalizer(PythonTreeNormalizer trees) {
        this.trees = trees;
    }

    void emit(SyntaxNode node) throws UnprovableException {
        List<SyntaxNode> parts = stringParts(node);
        List<StringPrefix> prefixes = new ArrayList<>(parts.size());
        boolean anyFormat = false;
        boolean anyBytes = false;
        boolean allBytes = true;
        for (SyntaxNode part : parts) {
            StringPrefix prefix = prefixOf(part);
            prefixes.add(prefix);
            anyFormat |= prefix.format();
            anyBytes |= prefix.bytes();
            allBytes &= prefix.bytes();
        }
        int line = trees.line(node);
        if (anyBytes && !allBytes) {
            throw new UnprovableException(line, "bytes and str literals concatenated");
        }
        String display = trees.text(node);
        if (!anyFormat) {
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                appendLiteral(value, parts.get(i), prefixes.get(i));
            }
            if (!allBytes) {
                trees.noteStringValue(value.toString());
            }
            trees.facts().noteStringWords(value);
            trees.add(new NormalToken(allBytes ? Kind.BYTES : Kind.STRING, value.toString(), display, line));
            return;
        }
        trees.add(new NormalToken(Kind.OPEN, "f-string", "f-string", line));
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            appendFormatted(pending, parts.get(i), prefixes.get(i));
        }
        flush(pending, line);
        trees.add(new NormalToken(Kind.CLOSE, "f-string", "f-string", line));
    }

    private List<SyntaxNode> stringParts(SyntaxNode node) {
        List<SyntaxNode> parts = new ArrayList<>();
        if (PythonGrammar.typeName(node.getSymbol()).equals("string")) {
            parts.add(node);
            return parts;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (PythonGrammar.typeName(child.getSymbol()).equals("string")) {
                parts.add(child);
            }
        }
        return parts;
    }

    private StringPrefix prefixOf(SyntaxNode string) throws UnprovableException {
        SyntaxNode start = string.getChildCount() == 0 ? string : string.getChild(0);
        if (string.getChildCount() == 0 || !PythonGrammar.typeName(start.getSymbol()).equals("string_start")) {
            throw trees.unprovable(string, "string without a start token");
        }
        StringPrefix prefix = StringPrefix.parse(trees.text(start), trees.line(string));
        if (trees.fstrings().insideInterpolation() && trees.fstrings().clashesWithEnclosing(prefix.quote())) {
            throw trees.unprovable(string, "string reuses the quote of its enclosing f-string");
        }
        return prefix;
    }

    /** Appends the value of a string that has no replacement fields. */
    private void appendLiteral(StringBuilder value, SyntaxNode string, StringPrefix prefix) throws UnprovableException {
        int[] body = bodyRange(string);
        StringBodyDecoder.decodeInto(value, trees.slice(body[0], body[1]), prefix, trees.line(string));
    }

    private void appendFormatted(StringBuilder pending, SyntaxNode string, StringPrefix prefix) throws UnprovableException {
        int[] body = bodyRange(string);
        int line = trees.line(string);
        if (!prefix.format()) {
            StringBodyDecoder.decodeInto(pending, trees.slice(body[0], body[1]), prefix, line);
            return;
        }
        int literalStart = body[0];
        for (int i = 0; i < string.getChildCount(); i++) {
            SyntaxNode child = string.getChild(i);
            if (!PythonGrammar.typeName(child.getSymbol()).equals("interpolation")) {
                continue;
            }
            StringBodyDecoder.decodeInto(pending, trees.slice(literalStart, child.getStartByte()), prefix, line);
            flush(pending, line);
            trees.fstrings().enter(prefix.quote());
            try {
                emitReplacementField(child, prefix);
            } finally {
                trees.fstrings().leave();
            }
            literalStart = child.getEndByte();
        }
        StringBodyDecoder.decodeInto(pending, trees.slice(literalStart, body[1]), prefix, line);
    }

    /**
     * A replacement field {@code {expr!r:spec}}. With the self-documenting {@code =} the field's
     * source text itself becomes part of the value, so it is compared as written.
     */
    private void emitReplacementField(SyntaxNode field, StringPrefix prefix) throws UnprovableException {
        String text = trees.text(field);
        int line = trees.line(field);
        if (text.indexOf('\\') >= 0) {
            throw new UnprovableException(line, "backslash inside an f-string replacement field");
        }
        if (!prefix.triple() && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
            // Python < 3.12 ends a single-quoted f-string at the line end, even inside a field.
            throw new UnprovableException(line, "line break inside a single-quoted f-string");
        }
        if (field.hasAnonymousChild("=")) {
            trees.add(new NormalToken(Kind.RAW_TEXT, text, text, line));
            return;
        }
        trees.add(new NormalToken(Kind.OPEN, "replacement_field", "replacement field", line));
        for (int i = 0; i < field.getChildCount(); i++) {
            SyntaxNode child = field.getChild(i);
            int symbol = child.getSymbol();
            String type = PythonGrammar.typeName(symbol);
            if (!PythonGrammar.isNamed(symbol)) {
                continue; // the braces
            }
            switch (type) {
                case "type_conversion" -> trees.add(new NormalToken(Kind.LEAF, "conversion:" + trees.text(child),
                        trees.text(child), trees.line(child)));
                case "format_specifier" -> emitFormatSpec(child, prefix);
                default -> trees.emitChild(child, "interpolation");
            }
        }
        trees.add(new NormalToken(Kind.CLOSE, "replacement_field", "replacement field", line));
    }

    /** The spec's literal text is compared as written; its nested fields as trees. */
    private void emitFormatSpec(SyntaxNode spec, StringPrefix prefix) throws UnprovableException {
        int line = trees.line(spec);
        if (trees.text(spec).indexOf('\\') >= 0) {
            throw new UnprovableException(line, "backslash inside an f-string format spec");
        }
        trees.add(new NormalToken(Kind.OPEN, "format_spec", "format spec", line));
        int literalStart = spec.getStartByte();
        for (int i = 0; i < spec.getChildCount(); i++) {
            SyntaxNode child = spec.getChild(i);
            if (!PythonGrammar.typeName(child.getSymbol()).equals("format_expression")) {
                continue;
            }
            addRawText(trees.slice(literalStart, child.getStartByte()), line);
            emitReplacementField(child, prefix);
            literalStart = child.getEndByte();
        }
        addRawText(trees.slice(literalStart, spec.getEndByte()), line);
        trees.add(new NormalToken(Kind.CLOSE, "format_spec", "format spec", line));
    }

    private void addRawText(String text, int line) {
        if (!text.isEmpty()) {
            trees.add(new NormalToken(Kind.RAW_TEXT, text, text, line));
        }
    }

    private void flush(StringBuilder pending, int line) {
        if (pending.length() > 0) {
            String value = pending.toString();
            trees.facts().noteStringWords(value);
            trees.add(new NormalToken(Kind.FSTRING_TEXT, value, value, line));
            pending.setLength(0);
        }
    }

    /** Byte range between the string's start and end tokens. */
    private int[] bodyRange(SyntaxNode string) throws UnprovableException {
        int count = string.getChildCount();
        SyntaxNode start = string.getChild(0);
        SyntaxNode end = string.getChild(count - 1);
        if (count < 2 || !PythonGrammar.typeName(end.getSymbol()).equals("string_end")) {
            throw trees.unprovable(string, "string without an end token");
        }
        return new int[] {start.getEndByte(), end.getStartByte()};
    }
}
