package dev.stalewatch.triage.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/** Copies a tree-sitter tree into {@link SyntaxNode}s with one cursor walk. */
final class SyntaxTreeReader {

    /**
     * Nodes whose own text is partly not in any child (hidden tokens): a format spec's literal
     * text, a string's content around its escapes. Measured over the corpus and 400 stdlib
     * modules: elsewhere the only uncovered text is whitespace and backslash continuations.
     */
    private static final Set<String> HOLDS_TEXT_OUTSIDE_CHILDREN = Set.of("format_specifier", "string_content", "string");

    private SyntaxTreeReader() {}

    static SyntaxNode read(TSNode root) {
        return read(new TSTreeCursor(root));
    }

    private static SyntaxNode read(TSTreeCursor cursor) {
        TSNode node = cursor.currentNode();
        int symbol = node.getSymbol();
        if (!cursor.gotoFirstChild()) {
            return SyntaxNode.leaf(symbol, node.getStartByte(), node.getEndByte());
        }
        List<SyntaxNode> children = new ArrayList<>(4);
        do {
            children.add(read(cursor));
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
        if (HOLDS_TEXT_OUTSIDE_CHILDREN.contains(PythonGrammar.typeName(symbol))) {
            return SyntaxNode.inner(symbol, node.getStartByte(), node.getEndByte(), children);
        }
        return SyntaxNode.inner(symbol, children);
    }
}
