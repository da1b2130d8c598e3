package dev.stalewatch.triage.python;

import java.util.Map;
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

    /** Builtins that are classes in every Python 3: naming one in an annotation cannot fail. */
    private static final Set<String> BUILTIN_TYPES = Set.of("int", "float", "complex", "bool", "str", "bytes",
            "bytearray", "object", "list", "dict", "set", "frozenset", "tuple", "type", "range", "slice", "memoryview");

    private TypeExpressions() {}

    /**
     * True when every name the annotation evaluates (the root of an attribute chain; nothing inside a
     * string) is a builtin class or bound by a module-level import that comes before the definition:
     * then evaluating it when the def runs cannot raise NameError. A name defined later, or only under
     * {@code TYPE_CHECKING}, or the enclosing class itself (not bound while its body runs) fails.
     */
    static boolean namesBoundBefore(SyntaxNode type, SourceText source, Map<String, Integer> moduleImports,
            int definitionStart) {
        String nodeType = PythonGrammar.typeName(type.getSymbol());
        switch (nodeType) {
            case "identifier" -> {
                String name = source.slice(type.getStartByte(), type.getEndByte());
                Integer importedAt = moduleImports.get(name);
                return BUILTIN_TYPES.contains(name) || (importedAt != null && importedAt < definitionStart);
            }
            case "string" -> {
                return true; // a forward reference in quotes is a str constant when the def runs
            }
            case "attribute" -> {
                return namesBoundBefore(type.getChild(0), source, moduleImports, definitionStart);
            }
            default -> {
                for (int i = 0; i < type.getChildCount(); i++) {
                    SyntaxNode child = type.getChild(i);
                    if (PythonGrammar.isNamed(child.getSymbol())
                            && !namesBoundBefore(child, source, moduleImports, definitionStart)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    static boolean isPlain(SyntaxNode node) {
        int symbol = node.getSymbol();
        String type = PythonGrammar.typeName(symbol);
        if (!PythonGrammar.isNamed(symbol)) {
            return PLAIN_PUNCTUATION.contains(type);
        }
        if (!PLAIN.contains(type)) {
            return false;
        }
        if (type.equals("binary_operator") && !node.hasAnonymousChild("|")) {
            return false;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (!isPlain(node.getChild(i))) {
                return false;
            }
        }
        return true;
    }
}
