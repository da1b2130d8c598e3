package dev.stalewatch.triage;

import dev.stalewatch.triage.java.JavaStructuralComparator;
import dev.stalewatch.triage.python.PythonStructuralComparator;
import java.util.Locale;
import java.util.Optional;

/** The comparator for a language name as workers report it; unknown languages get none. */
public final class StructuralComparators {

    private static final StructuralComparator PYTHON = new PythonStructuralComparator();
    private static final StructuralComparator JAVA = new JavaStructuralComparator();

    private StructuralComparators() {}

    public static Optional<StructuralComparator> forLanguage(String language) {
        return switch (key(language)) {
            case "python" -> Optional.of(PYTHON);
            case "java" -> Optional.of(JAVA);
            default -> Optional.empty();
        };
    }

    /** One name per language, so that "py" and "Python" share their rules within a change. */
    static String key(String language) {
        if (language == null) {
            return "";
        }
        String name = language.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "python", "python3", "py" -> "python";
            default -> name;
        };
    }
}
