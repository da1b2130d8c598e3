package dev.stalewatch.triage.python;

import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triage.python.NormalToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Flattens a tree-sitter-python tree into the tokens of its normalized form: comments and layout
 * dropped, redundant parentheses and trailing commas dropped, strings and numbers replaced by
 * their values. Whatever this class is unsure about is kept as written, so that two texts only
 * compare equal when CPython's ASTs are equal.
 */
final class PythonTreeNormalizer {

    private final SourceText source;
    private final LocalVariables.Result locals;
    private final PythonFacts facts;
    private final List<NormalToken> tokens = new ArrayList<>(512);
    private final FStringContext fstrings = new FStringContext();
    /** Enclosing defs and classes, innermost first: TRUE for a def whose annotations may go, else FALSE. */
    private final Deque<Boolean> definitions = new ArrayDeque<>();
    private int decoratedClasses;
    private ProofRule rule;
    private SyntaxNode docstring;
    /** Set by the def or class being emitted for its body: may that body's docstring go? */
    private boolean bodyDocstringDroppable;
    private SyntaxNode currentAssignment;
    private int outermostDefinitionStart = -1;

    private PythonTreeNormalizer(SourceText source, LocalVariables.Result locals, PythonFacts facts) {
        this.source = source;
        this.locals = locals;
        this.facts = facts;
    }

    static List<NormalToken> normalize(SyntaxNode root, SourceText source, LocalVariables.Result locals,
            PythonFacts facts) throws UnprovableException {
        PythonTreeNormalizer normalizer = new PythonTreeNormalizer(source, locals, facts);
        normalizer.emit(root, null);
        return normalizer.tokens;
    }

    private void emit(SyntaxNode node, String parentType) throws UnprovableException {
        if (node == docstring) {
            docstring = null;
            emitOwnedBy(ProofRule.DOCSTRINGS, node, parentType);
            return;
        }
        int symbol = node.getSymbol();
        String type = PythonGrammar.typeName(symbol);
        switch (type) {
            case "module" -> {
                docstring = Docstrings.of(node, source);
                emitGeneric(node, type, true);
            }
            case "block" -> {
                if (("function_definition".equals(parentType) || "class_definition".equals(parentType))
                        && bodyDocstringDroppable) {
                    docstring = Docstrings.of(node, source);
                }
                bodyDocstringDroppable = false;
                emitGeneric(node, type, true);
            }
            case "assignment" -> {
                SyntaxNode outer = currentAssignment;
                currentAssignment = node;
                try {
                    emitGeneric(node, type, true);
                } finally {
                    currentAssignment = outer;
                }
            }
            case "function_definition" -> emitFunction(node, parentType);
            case "class_definition" -> emitClass(node, parentType);
            case "typed_parameter" -> {
                // "x: int" is "x" with an annotation: no node of its own
                for (int i = 0; i < node.getChildCount(); i++) {
                    emit(node.getChild(i), type);
                }
            }
            case "typed_default_parameter" -> emitContainer(node, type, "default_parameter", node.getChildCount());
            case "type" -> {
                if (isAnnotationColon(parentType) || "function_definition".equals(parentType)) {
                    emitAnnotation(node, parentType);
                } else {
                    emitGeneric(node, type, true);
                }
            }
            case ":" -> {
                if (!isAnnotationColon(parentType)) {
                    emitGeneric(node, type, false);
                }
            }
            case "->" -> { } // implied by the return annotation that follows
            case "expression_statement" -> {
                if (isRemovableBareAnnotation(node)) {
                    emitOwnedBy(ProofRule.ANNOTATIONS, node, parentType);
                } else {
                    emitGeneric(node, type, true);
                }
            }
            case "comment" -> {
                if (fstrings.insideInterpolation()) {
                    throw unprovable(node, "comment inside an f-string replacement field");
                }
            }
            case "line_continuation" -> { }
            case "ERROR" -> throw unprovable(node, "does not parse");
            case "parenthesized_expression" -> emitParenthesized(node, parentType);
            case "string", "concatenated_string" -> new StringLiteralNormalizer(this).emit(node);
            case "integer", "float" -> emitNumber(node, type);
            default -> {
                if (PythonGrammar.TUPLE_SPELLINGS.contains(type)) {
                    emitTupleSpelling(node, type, parentType);
                } else {
                    emitGeneric(node, type, PythonGrammar.isNamed(symbol));
                }
            }
        }
    }

    private void emitGeneric(SyntaxNode node, String type, boolean named) throws UnprovableException {
        int childCount = node.getChildCount();
        if (childCount == 0) {
            if (node.getStartByte() == node.getEndByte()) {
                // tree-sitter's MISSING nodes are empty; no real token is.
                throw unprovable(node, "does not parse: missing " + type);
            }
            if (named) {
                String text = text(node);
                add(new NormalToken(Kind.LEAF, type + ":" + text, text, line(node), null, locals.variableOf(node)));
            } else {
                add(new NormalToken(Kind.KEYWORD, type, type, line(node)));
            }
            return;
        }
        emitContainer(node, type, type, childCount);
    }

    /** Emits node with every token marked as one the rule may drop. */
    private void emitOwnedBy(ProofRule owner, SyntaxNode node, String parentType) throws UnprovableException {
        ProofRule outer = rule;
        rule = rule == null ? owner : rule;
        try {
            emitGeneric(node, PythonGrammar.typeName(node.getSymbol()), true);
        } finally {
            rule = outer;
        }
    }

    /**
     * A decorator, or whatever receives a def passed as a value ({@code typer.run(main)},
     * {@code register(f)}), may read its annotations and docstring: those are then compared like code.
     */
    private void emitFunction(SyntaxNode node, String parentType) throws UnprovableException {
        boolean decorated = "decorated_definition".equals(parentType);
        boolean usedAsValue = locals.defsUsedAsValues().contains(nameOf(node));
        boolean outermost = definitions.isEmpty();
        if (outermost) {
            outermostDefinitionStart = node.getStartByte();
        }
        definitions.push(!decorated && !usedAsValue && decoratedClasses == 0);
        bodyDocstringDroppable = !decorated && !usedAsValue && !isPlyRule(nameOf(node));
        try {
            emitGeneric(node, "function_definition", true);
        } finally {
            definitions.pop();
        }
    }

    private void emitClass(SyntaxNode node, String parentType) throws UnprovableException {
        boolean decorated = "decorated_definition".equals(parentType);
        if (definitions.isEmpty()) {
            outermostDefinitionStart = node.getStartByte();
        }
        definitions.push(Boolean.FALSE);
        decoratedClasses += decorated ? 1 : 0;
        bodyDocstringDroppable = !decorated;
        try {
            emitGeneric(node, "class_definition", true);
        } finally {
            decoratedClasses -= decorated ? 1 : 0;
            definitions.pop();
        }
    }

    /** PLY reads a t_NAME function's docstring as the token's regex and a p_name one's as a grammar rule. */
    private static boolean isPlyRule(String name) {
        return name.startsWith("t_") || name.startsWith("p_");
    }

    private String nameOf(SyntaxNode definition) {
        for (int i = 0; i < definition.getChildCount(); i++) {
            SyntaxNode child = definition.getChild(i);
            if (PythonGrammar.typeName(child.getSymbol()).equals("identifier")) {
                return text(child);
            }
        }
        return "";
    }

    /**
     * An annotation, wrapped so that it stays one recognisable unit. Its tokens are the rule's to
     * drop only where Python never lets an annotation change what the code computes: parameters and
     * return of an undecorated def outside decorated classes, and assignments in such a def's body
     * (never a class body: dataclass and NamedTuple fields are annotations); and only when it is a
     * plain type expression, whose evaluation at definition time has no effect but failing.
     */
    private void emitAnnotation(SyntaxNode type, String parentType) throws UnprovableException {
        boolean droppable = annotationsDroppableIn(parentType) && TypeExpressions.isPlain(type)
                && (!evaluatedWhenDefined(parentType) || facts.futureAnnotations
                        || TypeExpressions.namesBoundBefore(type, source, locals.moduleImports(), outermostDefinitionStart))
                && !("assignment".equals(parentType) && locals.annotationsKept().contains(currentAssignment));
        ProofRule outer = rule;
        if (droppable && rule == null) {
            rule = ProofRule.ANNOTATIONS;
        }
        try {
            int line = line(type);
            add(new NormalToken(Kind.OPEN, "~annotation", "annotation", line));
            emitGeneric(type, "type", true);
            add(new NormalToken(Kind.CLOSE, "~annotation", "annotation", line));
        } finally {
            rule = outer;
        }
    }

    private boolean annotationsDroppableIn(String parentType) {
        Boolean definition = definitions.peek();
        if (definition == null || !definition) {
            return false; // module level, class body, or a decorated def
        }
        return switch (parentType == null ? "" : parentType) {
            case "typed_parameter", "typed_default_parameter", "function_definition" -> true;
            case "assignment" -> true;
            default -> false;
        };
    }

    /** Parameter and return annotations run when the def does (before Python 3.14, without the future import). */
    private static boolean evaluatedWhenDefined(String parentType) {
        return !"assignment".equals(parentType);
    }

    private static boolean isAnnotationColon(String parentType) {
        return "typed_parameter".equals(parentType) || "typed_default_parameter".equals(parentType)
                || "assignment".equals(parentType);
    }

    /** "x: int" alone in a def's body, with x bound there otherwise: dropping it changes no scoping. */
    private boolean isRemovableBareAnnotation(SyntaxNode statement) {
        SyntaxNode only = null;
        for (int i = 0; i < statement.getChildCount(); i++) {
            SyntaxNode child = statement.getChild(i);
            if (PythonGrammar.isNamed(child.getSymbol())) {
                if (only != null) {
                    return false;
                }
                only = child;
            }
        }
        return only != null && locals.removableBareAnnotations().contains(only)
                && Boolean.TRUE.equals(definitions.peek()) && TypeExpressions.isPlain(annotationOf(only));
    }

    private static SyntaxNode annotationOf(SyntaxNode assignment) {
        for (int i = 0; i < assignment.getChildCount(); i++) {
            if (PythonGrammar.typeName(assignment.getChild(i).getSymbol()).equals("type")) {
                return assignment.getChild(i);
            }
        }
        return assignment;
    }

    /** Emits node as {@code emittedType} with its children, dropping brackets and redundant commas. */
    void emitContainer(SyntaxNode node, String type, String emittedType, int childCount) throws UnprovableException {
        int line = line(node);
        add(new NormalToken(Kind.OPEN, emittedType, emittedType, line));
        int elements = 0;
        boolean trailingComma = false;
        boolean parenthesized = false;
        SyntaxNode lastGenerator = null;
        for (int i = 0; i < childCount; i++) {
            SyntaxNode child = node.getChild(i);
            int symbol = child.getSymbol();
            String childType = PythonGrammar.typeName(symbol);
            if (!PythonGrammar.isNamed(symbol)) {
                switch (childType) {
                    // Brackets are implied by the node type; a trailing comma still sits before the closer.
                    case "(", "[", "{" -> {
                        trailingComma = false;
                        parenthesized |= childType.equals("(");
                    }
                    case ")", "]", "}" -> { }
                    case "," -> trailingComma = true;
                    case ";" -> { }
                    default -> {
                        trailingComma = false;
                        emit(child, type);
                    }
                }
                continue;
            }
            if (childType.equals("comment") || childType.equals("line_continuation")) {
                emit(child, type);
                continue;
            }
            trailingComma = false;
            elements++;
            if (type.equals("call") && childType.equals("generator_expression") && i == childCount - 1 && elements == 2) {
                lastGenerator = child;
                continue;
            }
            emit(child, type);
        }
        if (lastGenerator != null) {
            // f(x for x in y) is f((x for x in y)): one generator argument either way.
            add(new NormalToken(Kind.OPEN, "argument_list", "argument_list", line(lastGenerator)));
            emit(lastGenerator, "argument_list");
            add(new NormalToken(Kind.CLOSE, "argument_list", "argument_list", line(lastGenerator)));
        }
        if (trailingComma && commaIsSignificant(type, elements, parenthesized)) {
            add(new NormalToken(Kind.SIGNIFICANT_COMMA, ",", "trailing comma", line));
        }
        add(new NormalToken(Kind.CLOSE, emittedType, emittedType, line));
    }

    private static boolean commaIsSignificant(String type, int elements, boolean parenthesized) {
        if (type.equals("import_from_statement")) {
            // "from a import b," does not parse; "from a import (b,)" does.
            return !parenthesized;
        }
        if (PythonGrammar.TRAILING_COMMA_ALWAYS_REDUNDANT.contains(type)) {
            return false;
        }
        int items = type.equals("subscript") ? elements - 1 : elements;
        return !(PythonGrammar.TRAILING_COMMA_REDUNDANT_WHEN_SEVERAL.contains(type) && items >= 2);
    }

    private void emitParenthesized(SyntaxNode node, String parentType) throws UnprovableException {
        SyntaxNode inner = node.onlyNamedChild();
        if (inner != null && PythonGrammar.PARENS_REDUNDANT_AROUND.contains(PythonGrammar.typeName(inner.getSymbol()))) {
            emitCommentsOf(node);
            emit(inner, parentType);
            return;
        }
        emitContainer(node, "parenthesized_expression", "parenthesized_expression", node.getChildCount());
    }

    /** Comments inside dropped parentheses still matter inside an f-string replacement field. */
    private void emitCommentsOf(SyntaxNode node) throws UnprovableException {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (PythonGrammar.typeName(child.getSymbol()).equals("comment")) {
                emit(child, "parenthesized_expression");
            }
        }
    }

    /**
     * {@code a, b} and {@code (a, b)} are one Tuple to CPython in the statements listed in
     * {@link PythonGrammar#BARE_TUPLE_EQUALS_PARENTHESIZED_IN}; elsewhere the spelling is kept.
     */
    private void emitTupleSpelling(SyntaxNode node, String type, String parentType) throws UnprovableException {
        int childCount = node.getChildCount();
        if (childCount == 0) {
            emitGeneric(node, type, true);
            return;
        }
        boolean unify = parentType != null && PythonGrammar.BARE_TUPLE_EQUALS_PARENTHESIZED_IN.contains(parentType)
                && isTupleOfSeveralOrCommaTerminated(node);
        emitContainer(node, type, unify ? "tuple" : type, childCount);
    }

    private boolean isTupleOfSeveralOrCommaTerminated(SyntaxNode node) {
        int elements = 0;
        boolean trailingComma = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            int symbol = child.getSymbol();
            String type = PythonGrammar.typeName(symbol);
            if (PythonGrammar.isNamed(symbol)) {
                if (!type.equals("comment") && !type.equals("line_continuation")) {
                    elements++;
                    trailingComma = false;
                }
            } else if (type.equals(",")) {
                trailingComma = true;
            }
        }
        return elements >= 2 || (elements == 1 && trailingComma);
    }

    private void emitNumber(SyntaxNode node, String type) throws UnprovableException {
        String text = text(node);
        String key = PythonNumbers.valueKey(text, type.equals("float"), line(node));
        add(new NormalToken(Kind.NUMBER, key, text, line(node)));
    }

    // --- shared with the string normalizer ---

    void emitChild(SyntaxNode node, String parentType) throws UnprovableException {
        emit(node, parentType);
    }

    void add(NormalToken token) {
        tokens.add(rule == null ? token : token.withRule(rule));
    }

    /** A plain string's value: getattr(f, "__doc__") reads a docstring as surely as f.__doc__. */
    void noteStringValue(String value) {
        if (value.length() < 32) {
            facts.noteStringValue(value);
        }
    }

    PythonFacts facts() {
        return facts;
    }

    FStringContext fstrings() {
        return fstrings;
    }

    String text(SyntaxNode node) {
        return source.slice(node.getStartByte(), node.getEndByte());
    }

    String slice(int startByte, int endByte) {
        return source.slice(startByte, endByte);
    }

    int line(SyntaxNode node) {
        return source.lineOf(node.getStartByte());
    }

    UnprovableException unprovable(SyntaxNode node, String reason) {
        return new UnprovableException(line(node), reason);
    }
}
