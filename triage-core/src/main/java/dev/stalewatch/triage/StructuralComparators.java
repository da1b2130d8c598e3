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
        if (language == null) {
            return Optional.empty();
        }
        return switch (language.trim().toLowerCase(Locale.ROOT)) {
            case "python", "python3", "py" -> Optional.of(PYTHON);
            case "java" -> Optional.of(JAVA);
            default -> Optional.empty();
        };
    }
}
