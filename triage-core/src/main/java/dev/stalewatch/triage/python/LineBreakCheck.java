package dev.stalewatch.triage.python;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * tree-sitter-python treats a line break as plain whitespace wherever a statement cannot end
 * ({@code x = a +⏎ b} parses cleanly), and ignores a backslash before the end of the file;
 * CPython rejects both. Outside brackets, every line break between two tokens must follow the
 * end of a statement, a block header's colon or a decorator, or a backslash continuation.
 */
final class LineBreakCheck {

    private final SourceText source;
    private final List<SyntaxNode> leaves = new ArrayList<>();
    private final Map<SyntaxNode, Boolean> mayEndLine = new IdentityHashMap<>();

    private LineBreakCheck(SourceText source) {
        this.source = source;
    }

    static void verify(SyntaxNode root, SourceText source, String text) throws UnprovableException {
        if (text.stripTrailing().endsWith("\\")) {
            throw new UnprovableException(source.lineOf(source.length()), "does not parse: backslash at end of file");
        }
        LineBreakCheck check = new LineBreakCheck(source);
        check.collect(root, null, -1);
        check.verifyBreaks();
    }

    private void collect(SyntaxNode node, SyntaxNode parent, int indexInParent) {
        String type = PythonGrammar.typeName(node.getSymbol());
        if (type.equals("comment")) {
            return;
        }
        if (node.getChildCount() == 0 || type.equals("string")) {
            leaves.add(node);
        } else {
            for (int i = 0; i < node.getChildCount(); i++) {
                collect(node.getChild(i), node, i);
            }
        }
        if (parent == null) {
            return;
        }
        String parentType = PythonGrammar.typeName(parent.getSymbol());
        boolean statementEnd = parentType.equals("module") || parentType.equals("block") || type.equals("decorator");
        boolean headerColon = type.equals(":") && nextIsBlock(parent, indexInParent);
        if (statementEnd || headerColon) {
            mayEndLine.put(lastLeaf(node), Boolean.TRUE);
        }
    }

    /** A comment may sit between a header's colon and its block. */
    private static boolean nextIsBlock(SyntaxNode parent, int index) {
        for (int i = index + 1; i < parent.getChildCount(); i++) {
            String type = PythonGrammar.typeName(parent.getChild(i).getSymbol());
            if (!type.equals("comment")) {
                return type.equals("block");
            }
        }
        return false;
    }

    private SyntaxNode lastLeaf(SyntaxNode node) {
        SyntaxNode last = node;
        while (last.getChildCount() > 0 && !PythonGrammar.typeName(last.getSymbol()).equals("string")) {
            SyntaxNode candidate = null;
            for (int i = last.getChildCount() - 1; i >= 0 && candidate == null; i--) {
                if (!PythonGrammar.typeName(last.getChild(i).getSymbol()).equals("comment")) {
                    candidate = last.getChild(i);
                }
            }
            if (candidate == null) {
                return last;
            }
            last = candidate;
        }
        return last;
    }

    private void verifyBreaks() throws UnprovableException {
        int depth = 0;
        for (int i = 0; i + 1 < leaves.size(); i++) {
            SyntaxNode leaf = leaves.get(i);
            String type = PythonGrammar.typeName(leaf.getSymbol());
            switch (type) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            SyntaxNode next = leaves.get(i + 1);
            if (depth > 0 || type.equals("line_continuation")
                    || PythonGrammar.typeName(next.getSymbol()).equals("line_continuation")) {
                continue;
            }
            int endLine = source.lineOf(Math.max(leaf.getStartByte(), leaf.getEndByte() - 1));
            if (endLine < source.lineOf(next.getStartByte()) && !mayEndLine.containsKey(leaf)) {
                throw new UnprovableException(endLine, "does not parse: line break where a statement cannot end");
            }
        }
    }
}
