package dev.stalewatch.triage.python;

/**
 * Finds the docstring of a module, class or def body the way CPython does: the first statement,
 * when it is an expression statement holding only a str literal (implicitly concatenated plain
 * strings count; an f-string or bytes is no docstring: it is evaluated, or not a str).
 */
final class Docstrings {

    private Docstrings() {}

    /** The docstring statement of body, or null. */
    static SyntaxNode of(SyntaxNode body, SourceText source) {
        SyntaxNode first = firstStatement(body);
        if (first == null || !type(first).equals("expression_statement")) {
            return null;
        }
        SyntaxNode value = first.onlyNamedChild();
        while (value != null && type(value).equals("parenthesized_expression")) {
            value = value.onlyNamedChild();
        }
        if (value == null) {
            return null;
        }
        return switch (type(value)) {
            case "string" -> isPlainStr(value, source) ? first : null;
            case "concatenated_string" -> allPlainStr(value, source) ? first : null;
            default -> null;
        };
    }

    private static boolean allPlainStr(SyntaxNode concatenation, SourceText source) {
        for (int i = 0; i < concatenation.getChildCount(); i++) {
            SyntaxNode part = concatenation.getChild(i);
            if (type(part).equals("string") && !isPlainStr(part, source)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainStr(SyntaxNode string, SourceText source) {
        if (string.getChildCount() == 0 || !type(string.getChild(0)).equals("string_start")) {
            return false;
        }
        SyntaxNode start = string.getChild(0);
        try {
            StringPrefix prefix = StringPrefix.parse(source.slice(start.getStartByte(), start.getEndByte()), 0);
            return !prefix.bytes() && !prefix.format();
        } catch (UnprovableException e) {
            return false;
        }
    }

    private static SyntaxNode firstStatement(SyntaxNode body) {
        for (int i = 0; i < body.getChildCount(); i++) {
            SyntaxNode child = body.getChild(i);
            if (PythonGrammar.isNamed(child.getSymbol()) && !child.isTrivia()) {
                return child;
            }
        }
        return null;
    }

    private static String type(SyntaxNode node) {
        return PythonGrammar.typeName(node.getSymbol());
    }
}
