package dev.stalewatch.triage.java;

import com.github.javaparser.JavaToken;
import com.github.javaparser.ast.CompilationUnit;
import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.Proof;
import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triage.RuleSet;
import dev.stalewatch.triage.StructuralComparator;
import dev.stalewatch.triage.TreeDifference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Java: equal when JavaParser's ASTs are equal with comments (Javadoc included) left out, or,
 * when the change's rules allow, equal once local variables and lambda parameters are renamed
 * consistently. Literals are compared as written ({@code 0x10} ≠ {@code 16}), which only costs
 * proofs.
 */
public final class JavaStructuralComparator implements StructuralComparator {

    private static final RuleSet JAVA_RULES = RuleSet.all()
            .without(ProofRule.DOCSTRINGS, "Java has no docstrings")
            .without(ProofRule.ANNOTATIONS, "Java annotations are code: only Python type annotations are set aside");

    @Override
    public RuleSet rules(List<String> oldTexts, List<String> newTexts) {
        return JAVA_RULES; // nothing in Java reads a local's name or a Javadoc comment at run time
    }

    @Override
    public Comparison compare(String oldText, String newText, RuleSet rules) {
        boolean oldParsedAtAll = false;
        boolean newParsedAtAll = false;
        for (JavaSourceParser.Shape shape : JavaSourceParser.SHAPES) {
            Optional<CompilationUnit> old = JavaSourceParser.parse(oldText, shape);
            Optional<CompilationUnit> neu = JavaSourceParser.parse(newText, shape);
            if (old.isPresent() && neu.isPresent()) {
                return compare(old.get(), neu.get(), rules);
            }
            oldParsedAtAll |= old.isPresent();
            newParsedAtAll |= neu.isPresent();
        }
        if (!oldParsedAtAll) {
            return Comparison.differs(new TreeDifference(0, 0, "does not parse (old version): "
                    + JavaSourceParser.firstProblem(oldText).orElse("unknown problem")));
        }
        if (!newParsedAtAll) {
            return Comparison.differs(new TreeDifference(0, 0, "does not parse (new version): "
                    + JavaSourceParser.firstProblem(newText).orElse("unknown problem")));
        }
        return Comparison.differs(new TreeDifference(0, 0, "old and new parse only as different kinds of Java source"));
    }

    private static Comparison compare(CompilationUnit old, CompilationUnit neu, RuleSet rules) {
        if (old.equals(neu)) {
            return proven(old, neu, rules, List.of());
        }
        if (!rules.allows(ProofRule.LOCAL_RENAMES)) {
            return Comparison.differs(FirstNodeDifference.of(old, neu, () -> { }).orElseThrow());
        }
        JavaLocalNames.Renaming oldNames = JavaLocalNames.canonicalize(old);
        JavaLocalNames.Renaming newNames = JavaLocalNames.canonicalize(neu);
        if (old.equals(neu)) {
            List<String> renames = new ArrayList<>();
            for (int i = 0; i < oldNames.originalNames().size(); i++) {
                String from = oldNames.originalNames().get(i);
                String to = newNames.originalNames().get(i);
                if (!from.equals(to)) {
                    renames.add(from + " → " + to);
                }
            }
            return proven(old, neu, rules, renames);
        }
        return Comparison.differs(FirstNodeDifference.of(old, neu, () -> {
            oldNames.restore();
            newNames.restore();
        }).orElseThrow());
    }

    /** The proof, naming Javadoc when its comments differ (read only once a proof stands). */
    private static Comparison proven(CompilationUnit old, CompilationUnit neu, RuleSet rules, List<String> renames) {
        Set<ProofRule> needed = EnumSet.noneOf(ProofRule.class);
        if (rules.allows(ProofRule.JAVADOC) && !javadoc(old).equals(javadoc(neu))) {
            needed.add(ProofRule.JAVADOC);
        }
        if (!renames.isEmpty()) {
            needed.add(ProofRule.LOCAL_RENAMES);
        }
        return Comparison.proven(needed.isEmpty() ? Proof.layoutOnly() : new Proof(needed, renames));
    }

    /** The Javadoc comments in order, as written: only to say whether a proof needed them set aside. */
    private static List<String> javadoc(CompilationUnit unit) {
        List<String> comments = new ArrayList<>();
        unit.getTokenRange().ifPresent(range -> {
            for (JavaToken token : range) {
                if (token.getKind() == JavaToken.Kind.JAVADOC_COMMENT.getKind()) {
                    comments.add(token.getText());
                }
            }
        });
        return comments;
    }
}
