package dev.stalewatch.triage.python;

import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Parses Python with tree-sitter into normalized tokens and the facts the proof rules depend on. A tree-sitter parser is not thread-safe,
 * so each thread keeps its own; the bonede binding frees parsers and trees through a Cleaner
 * (it offers no explicit close), and nothing native outlives a call except the thread's parser.
 */
final class PythonParsing {

    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser parser = new TSParser();
        parser.setLanguage(PythonGrammar.LANGUAGE);
        return parser;
    });

    private PythonParsing() {}

    static NormalizedText normalize(String text) throws UnprovableException {
        if (text.indexOf('\0') >= 0) {
            throw new UnprovableException(1, "does not parse: NUL character in source");
        }
        SourceText source = new SourceText(text);
        TSTree tree = PARSER.get().parseString(null, text);
        TSNode root = tree.getRootNode();
        if (root.getEndByte() > source.length()) {
            throw new UnprovableException(1, "does not parse: parser and source disagree on length");
        }
        if (root.hasError()) {
            throw new UnprovableException(source.lineOf(firstErrorByte(root)), "does not parse");
        }
        try {
            SyntaxNode syntax = SyntaxTreeReader.read(root);
            IndentationCheck.verify(syntax, source);
            LineBreakCheck.verify(syntax, source, text);
            PythonFacts facts = new PythonFacts();
            LocalVariables.Result locals = LocalVariables.analyze(syntax, source, facts);
            List<NormalToken> tokens = PythonTreeNormalizer.normalize(syntax, source, locals, facts);
            return new NormalizedText(List.copyOf(tokens), VariableNumbering.byFirstUse(tokens, locals.names(), facts.stringWords),
                    facts);
        } catch (StackOverflowError tooDeep) {
            throw new UnprovableException(1, "nesting too deep to compare");
        }
    }

    private static int firstErrorByte(TSNode node) {
        if (node.isError() || node.isMissing()) {
            return node.getStartByte();
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if (child.hasError() || child.isMissing()) {
                return firstErrorByte(child);
            }
        }
        return node.getStartByte();
    }
}
