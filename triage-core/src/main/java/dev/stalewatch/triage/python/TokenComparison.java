package dev.stalewatch.triage.python;

import dev.stalewatch.triage.TreeDifference;
import dev.stalewatch.triage.python.NormalToken.Kind;
import java.util.List;
import java.util.Optional;

/** Finds the first differing token of two normalized trees and says in words what differs. */
final class TokenComparison {

    private TokenComparison() {}

    static Optional<TreeDifference> firstDifference(List<NormalToken> old, List<NormalToken> neu) {
        int common = Math.min(old.size(), neu.size());
        for (int i = 0; i < common; i++) {
            NormalToken a = old.get(i);
            NormalToken b = neu.get(i);
            if (!a.sameAs(b)) {
                return Optional.of(new TreeDifference(a.line(), b.line(), describe(a, b)));
            }
        }
        if (old.size() == neu.size()) {
            return Optional.empty();
        }
        int oldLine = old.isEmpty() ? 1 : old.get(Math.min(common, old.size() - 1)).line();
        int newLine = neu.isEmpty() ? 1 : neu.get(Math.min(common, neu.size() - 1)).line();
        return Optional.of(new TreeDifference(oldLine, newLine,
                old.size() > neu.size() ? "code removed at the end" : "code added at the end"));
    }

    static String describe(NormalToken a, NormalToken b) {
        if (isDecorated(a) != isDecorated(b) || isDecorator(a) != isDecorator(b)) {
            return isDecorated(b) || isDecorator(b) ? "decorator added" : "decorator removed";
        }
        if (a.kind() == b.kind()) {
            switch (a.kind()) {
                case NUMBER:
                    return "number " + a.display() + " → " + b.display();
                case STRING, BYTES, FSTRING_TEXT:
                    return "string literal value changed";
                case RAW_TEXT:
                    return "f-string text changed";
                case KEYWORD:
                    return "operator or keyword '" + a.display() + "' → '" + b.display() + "'";
                case LEAF:
                    return leafChange(a, b);
                case OPEN:
                    return "'" + a.display() + "' replaced by '" + b.display() + "'";
                default:
                    break;
            }
        }
        if (a.kind() == Kind.SIGNIFICANT_COMMA || b.kind() == Kind.SIGNIFICANT_COMMA) {
            return a.kind() == Kind.SIGNIFICANT_COMMA ? "meaningful trailing comma removed" : "meaningful trailing comma added";
        }
        if (isLiteral(a) && isLiteral(b)) {
            return "literal changed: " + shorten(a.display()) + " → " + shorten(b.display());
        }
        if (a.kind() == Kind.CLOSE) {
            return "code added: " + shorten(b.display());
        }
        if (b.kind() == Kind.CLOSE) {
            return "code removed: " + shorten(a.display());
        }
        return "structure differs: " + shorten(a.display()) + " → " + shorten(b.display());
    }

    private static String leafChange(NormalToken a, NormalToken b) {
        String typeA = a.key().substring(0, a.key().indexOf(':'));
        String typeB = b.key().substring(0, b.key().indexOf(':'));
        if (typeA.equals("identifier") && typeB.equals("identifier")) {
            return "name " + a.display() + " → " + b.display();
        }
        return shorten(a.display()) + " → " + shorten(b.display());
    }

    private static boolean isDecorator(NormalToken token) {
        return token.kind() == Kind.OPEN && token.key().equals("decorator");
    }

    private static boolean isDecorated(NormalToken token) {
        return token.kind() == Kind.OPEN && token.key().equals("decorated_definition");
    }

    private static boolean isLiteral(NormalToken token) {
        return switch (token.kind()) {
            case NUMBER, STRING, BYTES, FSTRING_TEXT, RAW_TEXT -> true;
            default -> false;
        };
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", "⏎");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
