package dev.stalewatch.triage.python;

import java.util.Set;

/**
 * What one Python text does that turns a proof rule off for the whole change: reading docstrings
 * or annotations at run time, reaching local variables by name, or the annotations future import.
 * Each field holds the first name that showed it (for the reason), or null.
 */
final class PythonFacts {

    /** {@code help()} and doctest read docstrings too; {@code __doc__} also as a getattr string. */
    static final Set<String> DOC_READERS = Set.of("__doc__", "getdoc", "pydoc", "doctest", "help");

    static final Set<String> ANNOTATION_READERS = Set.of("__annotations__", "__annotate__", "get_type_hints",
            "signature", "getfullargspec", "getargspec", "get_annotations", "get_origin", "get_args",
            "get_overloads", "get_protocol_members", "get_original_bases", "annotationlib");

    /** Whatever can see a frame's local variables by name; {@code vars}/{@code dir} only without arguments. */
    static final Set<String> LOCAL_NAME_READERS = Set.of("locals", "eval", "exec", "_getframe", "currentframe",
            "f_locals", "f_back", "co_varnames", "__code__", "settrace", "setprofile", "getouterframes",
            "getinnerframes");

    String readsDocs;
    String readsAnnotations;
    String readsLocalNames;
    boolean futureAnnotations;

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
