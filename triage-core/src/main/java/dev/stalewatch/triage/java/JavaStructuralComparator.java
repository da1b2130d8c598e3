package dev.stalewatch.triage.java;

import com.github.javaparser.ast.CompilationUnit;
import dev.stalewatch.triage.StructuralComparator;
import dev.stalewatch.triage.TreeDifference;
import java.util.Optional;

/**
 * Java: equal when JavaParser's ASTs are equal with comments (Javadoc included) left out.
 * Literals are compared as written ({@code 0x10} ≠ {@code 16}), which only costs proofs.
 */
public final class JavaStructuralComparator implements StructuralComparator {

    @Override
    public Optional<TreeDifference> firstDifference(String oldText, String newText) {
        boolean oldParsedAtAll = false;
        boolean newParsedAtAll = false;
        for (JavaSourceParser.Shape shape : JavaSourceParser.SHAPES) {
            Optional<CompilationUnit> old = JavaSourceParser.parse(oldText, shape);
            Optional<CompilationUnit> neu = JavaSourceParser.parse(newText, shape);
            if (old.isPresent() && neu.isPresent()) {
                return FirstNodeDifference.of(old.get(), neu.get());
            }
            oldParsedAtAll |= old.isPresent();
            newParsedAtAll |= neu.isPresent();
        }
        if (!oldParsedAtAll) {
            return Optional.of(new TreeDifference(0, 0, "does not parse (old version): "
                    + JavaSourceParser.firstProblem(oldText).orElse("unknown problem")));
        }
        if (!newParsedAtAll) {
            return Optional.of(new TreeDifference(0, 0, "does not parse (new version): "
                    + JavaSourceParser.firstProblem(newText).orElse("unknown problem")));
        }
        return Optional.of(new TreeDifference(0, 0, "old and new parse only as different kinds of Java source"));
    }
}
