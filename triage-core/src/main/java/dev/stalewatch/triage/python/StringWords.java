package dev.stalewatch.triage.python;

import java.util.Set;

/**
 * The identifier-like words of a string literal's value. Libraries resolve names written in strings
 * against the caller's local variables ({@code df.query("price > @limit")},
 * {@code duckdb.sql("SELECT * FROM frame")}, {@code numexpr.evaluate("a + 1")}), so a local named
 * like such a word is kept as written. The value is decoded, so an escape cannot hide a word; what
 * cannot be decoded is read as written, and also split at every backslash.
 */
final class StringWords {

    private StringWords() {}

    static void addWordsOf(SyntaxNode string, SourceText source, Set<String> words) {
        if (string.getChildCount() < 2) {
            return;
        }
        SyntaxNode start = string.getChild(0);
        SyntaxNode end = string.getChild(string.getChildCount() - 1);
        StringPrefix prefix;
        try {
            prefix = StringPrefix.parse(source.slice(start.getStartByte(), start.getEndByte()), 0);
        } catch (UnprovableException e) {
            addWords(source.slice(start.getEndByte(), end.getStartByte()), words);
            return;
        }
        int literalStart = start.getEndByte();
        for (int i = 1; i < string.getChildCount() - 1; i++) {
            SyntaxNode child = string.getChild(i);
            if (PythonGrammar.typeName(child.getSymbol()).equals("interpolation")) {
                addDecoded(source.slice(literalStart, child.getStartByte()), prefix, words);
                literalStart = child.getEndByte();
            }
        }
        addDecoded(source.slice(literalStart, end.getStartByte()), prefix, words);
    }

    private static void addDecoded(String body, StringPrefix prefix, Set<String> words) {
        if (body.isEmpty()) {
            return;
        }
        if (body.indexOf('\\') < 0) {
            addWords(body, words); // no escape: the value is the text
            return;
        }
        StringBuilder value = new StringBuilder();
        try {
            StringBodyDecoder.decodeInto(value, body, prefix, 0);
            addWords(value, words);
        } catch (UnprovableException | RuntimeException e) {
            addWords(body, words);
            addWords(body.replace('\\', ' '), words);
        }
    }

    private static void addWords(CharSequence text, Set<String> words) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int startWord = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                words.add(text.subSequence(startWord, i).toString());
            } else {
                i++;
            }
        }
    }
}
