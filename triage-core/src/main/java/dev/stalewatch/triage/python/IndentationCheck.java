package dev.stalewatch.triage.python;

import java.util.Set;

/**
 * tree-sitter-python accepts indentation CPython rejects ("unexpected indent", "unindent does
 * not match any outer indentation level") and still builds a clean tree. This check replays
 * CPython's rules on the tree, more strictly than CPython: the statements of a block share one
 * indentation string, which extends the header's indentation; clauses and decorators sit exactly
 * at their statement's indentation; module statements are not indented.
 */
final class IndentationCheck {

    private static final Set<String> CLAUSES = Set.of(
            "elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause");

    private final SourceText source;

    private IndentationCheck(SourceText source) {
        this.source = source;
    }

    static void verify(SyntaxNode root, SourceText source) throws UnprovableException {
        new IndentationCheck(source).visit(root);
    }

    private void visit(SyntaxNode node) throws UnprovableException {
        String type = PythonGrammar.typeName(node.getSymbol());
        if (type.equals("module")) {
            checkStatements(node, "", true);
        } else if (type.equals("decorated_definition")) {
            checkAlignedChildren(node);
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            String childType = PythonGrammar.typeName(child.getSymbol());
            if (childType.equals("block")) {
                checkBlock(node, child);
            } else if (CLAUSES.contains(childType)) {
                checkAligned(child, source.indentationOfLine(node.getStartByte()));
            }
            if (child.getChildCount() > 0) {
                visit(child);
            }
        }
    }

    private void checkBlock(SyntaxNode header, SyntaxNode block) throws UnprovableException {
        String headerIndentation = source.indentationOfLine(header.getStartByte());
        SyntaxNode first = firstStatement(block);
        if (first == null) {
            throw unprovable(block, "empty block");
        }
        String blockIndentation = source.indentationIfFirstOnLine(first.getStartByte());
        if (blockIndentation == null) {
            checkStatements(block, null, false);
            return;
        }
        if (blockIndentation.length() <= headerIndentation.length() || !blockIndentation.startsWith(headerIndentation)) {
            throw unprovable(first, "does not parse: block not indented consistently under its header");
        }
        checkStatements(block, blockIndentation, true);
    }

    /**
     * Each statement starts its own line at {@code indentation}, or follows a {@code ;}. With
     * {@code ownLines} false (a block on its header's line) no statement may start a line.
     */
    private void checkStatements(SyntaxNode container, String indentation, boolean ownLines) throws UnprovableException {
        boolean afterSemicolon = false;
        boolean first = true;
        for (int i = 0; i < container.getChildCount(); i++) {
            SyntaxNode child = container.getChild(i);
            String type = PythonGrammar.typeName(child.getSymbol());
            if (type.equals("comment") || type.equals("line_continuation")) {
                continue;
            }
            if (type.equals(";")) {
                afterSemicolon = true;
                continue;
            }
            String own = source.indentationIfFirstOnLine(child.getStartByte());
            if (own == null) {
                if (!afterSemicolon && !(first && !ownLines)) {
                    throw unprovable(child, "does not parse: statement does not start a line");
                }
            } else if (!ownLines || !own.equals(indentation)) {
                throw unprovable(child, "does not parse: inconsistent indentation");
            }
            afterSemicolon = false;
            first = false;
        }
    }

    private void checkAlignedChildren(SyntaxNode node) throws UnprovableException {
        String indentation = source.indentationOfLine(node.getStartByte());
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            String type = PythonGrammar.typeName(child.getSymbol());
            if (!type.equals("comment")) {
                checkAligned(child, indentation);
            }
        }
    }

    private void checkAligned(SyntaxNode node, String indentation) throws UnprovableException {
        String own = source.indentationIfFirstOnLine(node.getStartByte());
        if (own == null || !own.equals(indentation)) {
            throw unprovable(node, "does not parse: clause or decorator not aligned with its statement");
        }
    }

    private SyntaxNode firstStatement(SyntaxNode block) {
        for (int i = 0; i < block.getChildCount(); i++) {
            SyntaxNode child = block.getChild(i);
            String type = PythonGrammar.typeName(child.getSymbol());
            if (!type.equals("comment") && !type.equals("line_continuation") && !type.equals(";")) {
                return child;
            }
        }
        return null;
    }

    private UnprovableException unprovable(SyntaxNode node, String reason) {
        return new UnprovableException(source.lineOf(node.getStartByte()), reason);
    }
}
