package dev.stalewatch.triage.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import dev.stalewatch.triage.TreeDifference;
import java.util.List;
import java.util.Optional;

/** Descends two unequal JavaParser trees to the first node that differs and names the change. */
final class FirstNodeDifference {

    private FirstNodeDifference() {}

    static Optional<TreeDifference> of(Node old, Node neu) {
        return of(old, neu, () -> { });
    }

    /**
     * @param beforeDescribing run once the difference is found and before it is put in words:
     *                         puts back names that were replaced for the comparison
     */
    static Optional<TreeDifference> of(Node old, Node neu, Runnable beforeDescribing) {
        if (old.equals(neu)) {
            return Optional.empty();
        }
        Located located = locate(old, neu);
        beforeDescribing.run();
        return Optional.of(located.describe());
    }

    /** Where two trees first differ; described later, once names are as written again. */
    private record Located(Node old, Node neu, java.util.function.Supplier<String> description) {
        TreeDifference describe() {
            return new TreeDifference(line(old), line(neu), description.get());
        }
    }

    private static Located locate(Node old, Node neu) {
        if (old.getClass() != neu.getClass()) {
            return difference(old, neu, () -> describeReplacement(old, neu));
        }
        List<Node> oldChildren = old.getChildNodes();
        List<Node> newChildren = neu.getChildNodes();
        int common = Math.min(oldChildren.size(), newChildren.size());
        for (int i = 0; i < common; i++) {
            if (!oldChildren.get(i).equals(newChildren.get(i))) {
                if (oldChildren.size() != newChildren.size()) {
                    Optional<Located> annotation = annotationAddedOrRemoved(old, neu, oldChildren, newChildren);
                    if (annotation.isPresent()) {
                        return annotation.get();
                    }
                }
                return locate(oldChildren.get(i), newChildren.get(i));
            }
        }
        if (oldChildren.size() != newChildren.size()) {
            return annotationAddedOrRemoved(old, neu, oldChildren, newChildren)
                    .orElseGet(() -> difference(old, neu, () -> oldChildren.size() < newChildren.size()
                            ? "code added in " + kind(old) : "code removed from " + kind(old)));
        }
        return difference(old, neu, () -> describeReplacement(old, neu));
    }

    private static Optional<Located> annotationAddedOrRemoved(Node old, Node neu, List<Node> oldChildren,
            List<Node> newChildren) {
        long oldAnnotations = oldChildren.stream().filter(AnnotationExpr.class::isInstance).count();
        long newAnnotations = newChildren.stream().filter(AnnotationExpr.class::isInstance).count();
        if (oldAnnotations == newAnnotations) {
            return Optional.empty();
        }
        return Optional.of(difference(old, neu, () -> oldAnnotations < newAnnotations ? "annotation added" : "annotation removed"));
    }

    private static String describeReplacement(Node old, Node neu) {
        if (old instanceof LiteralExpr && neu instanceof LiteralExpr) {
            return "literal " + shorten(old.toString()) + " → " + shorten(neu.toString());
        }
        if (old instanceof AnnotationExpr || neu instanceof AnnotationExpr) {
            return "annotation changed: " + shorten(old.toString()) + " → " + shorten(neu.toString());
        }
        if ((old instanceof SimpleName || old instanceof NameExpr) && (neu instanceof SimpleName || neu instanceof NameExpr)) {
            return "name " + old + " → " + neu;
        }
        return kind(old) + " changed: " + shorten(old.toString()) + " → " + shorten(neu.toString());
    }

    private static Located difference(Node old, Node neu, java.util.function.Supplier<String> description) {
        return new Located(old, neu, description);
    }

    private static int line(Node node) {
        return node.getBegin().map(position -> position.line).orElse(0);
    }

    private static String kind(Node node) {
        return node.getClass().getSimpleName();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
