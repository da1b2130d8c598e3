package dev.stalewatch.triage.python;

import java.util.HashSet;
import java.util.Set;

/**
 * What one Python text does that turns a proof rule off for the whole change: reading docstrings
 * or annotations at run time, reaching local variables by name, or the annotations future import.
 * Each field holds the first name that showed it (for the reason), or null.
 */
final class PythonFacts {

    /** {@code help()} and doctest read docstrings too; {@code __doc__} also as a getattr string. */
    static final Set<String> DOC_READERS = Set.of("__doc__", "getdoc", "pydoc", "doctest", "help",
            // PLY takes token regexes and grammar rules from docstrings; a class's dict holds its __doc__
            "ply", "lex", "yacc", "vars", "__dict__", "getmembers");

    static final Set<String> ANNOTATION_READERS = Set.of("__annotations__", "__annotate__", "get_type_hints",
            "signature", "getfullargspec", "getargspec", "get_annotations", "get_origin", "get_args",
            "get_overloads", "get_protocol_members", "get_original_bases", "annotationlib",
            // run-time type checkers and dispatchers that read annotations without a decorator in sight
            "beartype", "beartype_this_package", "typeguard", "typechecked", "install_import_hook", "validate_call",
            "validate_arguments", "singledispatch", "singledispatchmethod");

    /** Whatever can see a frame's local variables by name; {@code vars}/{@code dir} only without arguments. */
    static final Set<String> LOCAL_NAME_READERS = Set.of("locals", "eval", "exec", "_getframe", "currentframe",
            "f_locals", "f_back", "co_varnames", "__code__", "settrace", "setprofile", "getouterframes",
            "getinnerframes", "getclosurevars", "__closure__", "co_freevars", "co_cellvars", "f_code",
            // their messages name the variable: code that catches them can return the name
            "UnboundLocalError", "NameError");

    String readsDocs;
    String readsAnnotations;
    String readsLocalNames;
    boolean futureAnnotations;
    /**
     * The identifier-like words of every string literal's value, docstrings included. Libraries
     * resolve names written in strings against the caller's local variables
     * ({@code df.query("price > @limit")}, {@code duckdb.sql("SELECT * FROM frame")},
     * {@code numexpr.evaluate("a + 1")}), so a local named like such a word is never renamed.
     */
    final Set<String> stringWords = new HashSet<>();

    /** A plain string's value: getattr(builtins, "locals") reaches locals() as surely as the name does. */
    void noteStringValue(String value) {
        noteName(value);
        if (readsLocalNames == null && LOCAL_NAME_READERS.contains(value)) {
            readsLocalNames = "the string \"" + value + "\"";
        }
    }

    /** Notes the words of a decoded string value (a plain string, or an f-string's literal text). */
    void noteStringWords(CharSequence value) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(value.charAt(i)) || value.charAt(i) == '_')) {
                    i++;
                }
                stringWords.add(value.subSequence(start, i).toString());
            } else {
                i++;
            }
        }
    }

    /** Notes a name seen anywhere in the text (identifier or string value). */
    void noteName(String name) {
        if (readsDocs == null && DOC_READERS.contains(name)) {
            readsDocs = name;
        }
        if (readsAnnotations == null && ANNOTATION_READERS.contains(name)) {
            readsAnnotations = name;
        }
    }

    void noteIdentifier(String name) {
        noteName(name);
        if (readsLocalNames == null && LOCAL_NAME_READERS.contains(name)) {
            readsLocalNames = name + (name.equals("locals") || name.equals("eval") || name.equals("exec") ? "()" : "");
        }
    }

    void noteLocalNameReader(String what) {
        if (readsLocalNames == null) {
            readsLocalNames = what;
        }
    }
}
