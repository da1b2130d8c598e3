package dev.stalewatch.triage.python;

import java.util.Set;

/**
 * Plain type expressions: names, attributes, subscripts, string/None/... literals, tuples and
 * lists of them, and {@code |}. Evaluating one at definition time can fail (a misspelt name) but
 * has no other effect, so it can never change what the defined function computes. A call, lambda
 * or walrus in an annotation could; such an annotation is compared like code.
 */
final class TypeExpressions {

    private static final Set<String> PLAIN = Set.of(
            "type", "identifier", "attribute", "subscript", "generic_type", "type_parameter", "union_type",
            "member_type", "none", "ellipsis", "integer", "list", "tuple", "parenthesized_expression",
            "binary_operator", "string", "string_start", "string_content", "string_end", "escape_sequence",
            "comment", "line_continuation");

    private static final Set<String> PLAIN_PUNCTUATION = Set.of("[", "]", ",", ".", "|", "(", ")", "None", "...");

    private TypeExpressions() {}

    static boolean isPlain(SyntaxNode node) {
        int symbol = node.getSymbol();
        String type = PythonGrammar.typeName(symbol);
        if (!PythonGrammar.isNamed(symbol)) {
            return PLAIN_PUNCTUATION.contains(type);
        }
        if (!PLAIN.contains(type)) {
            return false;
        }
        if (type.equals("binary_operator") && !hasOperator(node, "|")) {
            return false;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (!isPlain(node.getChild(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasOperator(SyntaxNode node, String operator) {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (!PythonGrammar.isNamed(child.getSymbol()) && PythonGrammar.typeName(child.getSymbol()).equals(operator)) {
                return true;
            }
        }
        return false;
    }
}
