package dev.stalewatch.triage.python;

import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSSymbolType;
import org.treesitter.TreeSitterPython;

/**
 * The tree-sitter-python language and the facts about its node types that the proof relies on.
 * Symbol names and kinds are read once: asking the native side per node is the main cost.
 */
final class PythonGrammar {

    static final TSLanguage LANGUAGE = new TreeSitterPython();

    private static final String[] TYPE_NAMES;
    private static final boolean[] NAMED;

    static {
        int count = LANGUAGE.symbolCount();
        TYPE_NAMES = new String[count];
        NAMED = new boolean[count];
        for (int symbol = 0; symbol < count; symbol++) {
            TYPE_NAMES[symbol] = LANGUAGE.symbolName(symbol);
            NAMED[symbol] = LANGUAGE.symbolType(symbol) == TSSymbolType.TSSymbolTypeRegular;
        }
    }

    /**
     * Inner expressions whose surrounding parentheses never change CPython's AST. Deliberately
     * absent: walrus, yield, lambda and starred forms, where tree-sitter accepts unparenthesized
     * code that CPython rejects (e.g. {@code x = y := 1}).
     */
    static final Set<String> PARENS_REDUNDANT_AROUND = Set.of(
            "identifier", "attribute", "call", "subscript", "string", "concatenated_string",
            "integer", "float", "true", "false", "none", "ellipsis",
            "list", "tuple", "dictionary", "set",
            "list_comprehension", "dictionary_comprehension", "set_comprehension", "generator_expression",
            "parenthesized_expression", "binary_operator", "comparison_operator", "boolean_operator",
            "unary_operator", "not_operator", "conditional_expression", "await");

    /** Containers where a trailing comma never changes the AST, whatever the element count. */
    static final Set<String> TRAILING_COMMA_ALWAYS_REDUNDANT = Set.of(
            "argument_list", "parameters", "lambda_parameters", "list", "set", "dictionary",
            "import_from_statement", "list_pattern", "dict_pattern");

    /** Containers where a trailing comma is redundant only with two or more elements ({@code (x,)}). */
    static final Set<String> TRAILING_COMMA_REDUNDANT_WHEN_SEVERAL = Set.of(
            "tuple", "tuple_pattern", "expression_list", "pattern_list", "subscript");

    /** Tuple spellings that CPython turns into the same Tuple node. */
    static final Set<String> TUPLE_SPELLINGS = Set.of("tuple", "tuple_pattern", "expression_list", "pattern_list");

    /**
     * Statements in which a bare tuple {@code a, b} and a parenthesized one {@code (a, b)} are the
     * same Tuple to CPython. Not {@code del} (several targets vs one tuple) nor {@code except}.
     */
    static final Set<String> BARE_TUPLE_EQUALS_PARENTHESIZED_IN = Set.of(
            "return_statement", "assignment", "augmented_assignment", "for_statement", "expression_statement");

    private PythonGrammar() {}

    static String typeName(int symbol) {
        return TYPE_NAMES[symbol];
    }

    static boolean isNamed(int symbol) {
        return NAMED[symbol];
    }
}
