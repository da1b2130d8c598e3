package dev.stalewatch.triage.python;

import java.util.List;

/**
 * A tree-sitter node copied into the Java heap. Every call on a native TSNode costs about a
 * microsecond in the bonede binding, so the tree is read once with a cursor and then walked here.
 * An inner node's byte range is that of its children: only leaves ask the native side.
 */
final class SyntaxNode {

    private static final SyntaxNode[] NO_CHILDREN = new SyntaxNode[0];

    private final int symbol;
    private final int startByte;
    private final int endByte;
    private final SyntaxNode[] children;

    private SyntaxNode(int symbol, int startByte, int endByte, SyntaxNode[] children) {
        this.symbol = symbol;
        this.startByte = startByte;
        this.endByte = endByte;
        this.children = children;
    }

    static SyntaxNode leaf(int symbol, int startByte, int endByte) {
        return new SyntaxNode(symbol, startByte, endByte, NO_CHILDREN);
    }

    static SyntaxNode inner(int symbol, List<SyntaxNode> children) {
        SyntaxNode[] array = children.toArray(NO_CHILDREN);
        return new SyntaxNode(symbol, array[0].startByte, array[array.length - 1].endByte, array);
    }

    static SyntaxNode inner(int symbol, int startByte, int endByte, List<SyntaxNode> children) {
        return new SyntaxNode(symbol, startByte, endByte, children.toArray(NO_CHILDREN));
    }

    int getSymbol() {
        return symbol;
    }

    int getStartByte() {
        return startByte;
    }

    int getEndByte() {
        return endByte;
    }

    int getChildCount() {
        return children.length;
    }

    SyntaxNode getChild(int index) {
        return children[index];
    }

    /** The grammar's name for this node's type, e.g. "identifier" or "(". */
    String type() {
        return PythonGrammar.typeName(symbol);
    }

    /** A comment or a backslash continuation: never part of the tree CPython builds. */
    boolean isTrivia() {
        String type = type();
        return type.equals("comment") || type.equals("line_continuation");
    }

    /** True if an unnamed child (a keyword or punctuation token) of this type is among the children. */
    boolean hasAnonymousChild(String anonymousType) {
        for (SyntaxNode child : children) {
            if (!PythonGrammar.isNamed(child.symbol) && child.type().equals(anonymousType)) {
                return true;
            }
        }
        return false;
    }

    /** The one named child that is not trivia, or null when there are none or several. */
    SyntaxNode onlyNamedChild() {
        SyntaxNode only = null;
        for (SyntaxNode child : children) {
            if (!PythonGrammar.isNamed(child.symbol) || child.isTrivia()) {
                continue;
            }
            if (only != null) {
                return null;
            }
            only = child;
        }
        return only;
    }
}
