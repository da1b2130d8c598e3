package dev.stalewatch.triage.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Parses Java source the way workers report it: a whole file, a bare class body (methods,
 * fields) or bare statements. Bare forms are wrapped on the same line so line numbers stay true.
 * Comments are not attached to nodes at all, so they cannot take part in a comparison.
 */
final class JavaSourceParser {

    /** How a text is turned into a compilation unit; both sides of a comparison must use the same one. */
    enum Shape {
        COMPILATION_UNIT(text -> text),
        CLASS_BODY(text -> "class StalewatchWrapper {" + text + "\n}"),
        STATEMENTS(text -> "class StalewatchWrapper { void stalewatchWrapper() {" + text + "\n}}");

        private final UnaryOperator<String> wrap;

        Shape(UnaryOperator<String> wrap) {
            this.wrap = wrap;
        }
    }

    static final List<Shape> SHAPES = List.of(Shape.values());

    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration()
                    .setAttributeComments(false)
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)));

    private JavaSourceParser() {}

    static Optional<CompilationUnit> parse(String text, Shape shape) {
        ParseResult<CompilationUnit> result = PARSER.get().parse(shape.wrap.apply(text));
        if (!result.isSuccessful() || !result.getProblems().isEmpty()) {
            return Optional.empty();
        }
        return result.getResult();
    }

    static Optional<String> firstProblem(String text) {
        ParseResult<CompilationUnit> result = PARSER.get().parse(text);
        return result.getProblems().stream().findFirst().map(problem -> problem.getVerboseMessage());
    }
}
