package dev.stalewatch.triage.python;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the local variables of a Python text that a consistent renaming may change, with Python's
 * scoping: a name bound in a function (assignment, loop, with, except, walrus, del, comprehension
 * target) is local to it unless declared global or nonlocal; nested functions, lambdas and
 * comprehensions see it; class bodies are skipped from inside.
 *
 * <p>Soundness rests on three choices. Only identifiers in positions known to be variable uses
 * are ever renamed; every other identifier is kept as written. A variable is renameable only when
 * its name occurs nowhere else in the text as written (no global, builtin, parameter, attribute
 * of an import, pattern capture or unknown construct of that name), so a renaming can neither
 * capture nor be captured. Parameters, def/class names and imports are part of an interface and
 * kept as written.
 */
final class LocalVariables {

    private enum ScopeKind { MODULE, FUNCTION, LAMBDA, CLASS, COMPREHENSION }

    private static final class Scope {
        final ScopeKind kind;
        final Scope parent;
        final Map<String, Binding> names = new HashMap<>();
        final Set<String> declared = new HashSet<>();

        Scope(ScopeKind kind, Scope parent) {
            this.kind = kind;
            this.parent = parent;
        }

        Binding binding(String name) {
            return names.computeIfAbsent(name, n -> new Binding());
        }
    }

    private static final class Binding {
        boolean fixed;
        int stores;
        Variable variable;
    }

    private static final class Variable {
        final String name;
        final List<SyntaxNode> uses = new ArrayList<>();
        boolean seenFromClassBody;

        Variable(String name) {
            this.name = name;
        }
    }

    private record Use(SyntaxNode node, Scope scope, String name) {}

    private record BareAnnotation(SyntaxNode assignment, Scope scope, String name) {}

    private record AnnotatedTarget(SyntaxNode assignment, Scope scope, String name) {}

    private record Walrus(Scope scope, String name) {}

    /** Parents whose identifier children are variable reads in the current scope. */
    private static final Set<String> READ_PARENTS = Set.of(
            "expression_statement", "assignment", "augmented_assignment", "named_expression", "keyword_argument",
            "return_statement", "binary_operator", "boolean_operator",
            "comparison_operator", "not_operator", "unary_operator", "conditional_expression", "call",
            "argument_list", "list", "tuple", "set", "dictionary", "pair", "subscript", "slice",
            "parenthesized_expression", "expression_list", "list_splat", "dictionary_splat", "await", "yield",
            "assert_statement", "raise_statement", "if_statement", "elif_clause", "while_statement", "if_clause",
            "with_item", "except_clause", "except_group_clause", "type", "generic_type", "union_type", "decorator", "interpolation",
            "format_expression", "match_statement", "case_clause");

    /** Containers through which an assignment target reaches its names. */
    private static final Set<String> TARGET_CONTAINERS = Set.of(
            "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "list_splat_pattern", "list_splat",
            "parenthesized_expression", "expression_list", "as_pattern_target");

    private static final Set<String> COMPREHENSIONS = Set.of(
            "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression");

    private final SourceText source;
    private final PythonFacts facts;
    private final List<Use> uses = new ArrayList<>();
    private final List<BareAnnotation> bareAnnotations = new ArrayList<>();
    private final Set<String> namesAsWritten = new HashSet<>();
    private final Set<SyntaxNode> readersWithArguments = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<SyntaxNode> callees = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<AnnotatedTarget> annotatedTargets = new ArrayList<>();
    private final List<Walrus> walruses = new ArrayList<>();
    private final Set<String> defNames = new HashSet<>();
    private final Map<String, Integer> moduleImports = new HashMap<>();
    private final Set<SyntaxNode> topLevelStatements = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * What the analysis found: renameable variables (by node), removable bare annotations, annotated
     * assignments that must keep their annotation, defs used as values (passed, stored, returned: whoever
     * receives one may read its annotations and docstring), and the module-level imports with the byte
     * where each import statement starts.
     */
    record Result(Map<SyntaxNode, Integer> variableOf, List<String> names, Set<SyntaxNode> removableBareAnnotations,
            Set<SyntaxNode> annotationsKept, Set<String> defsUsedAsValues, Map<String, Integer> moduleImports) {

        int variableOf(SyntaxNode identifier) {
            Integer number = variableOf.get(identifier);
            return number == null ? -1 : number;
        }
    }

    private LocalVariables(SourceText source, PythonFacts facts) {
        this.source = source;
        this.facts = facts;
    }

    static Result analyze(SyntaxNode root, SourceText source, PythonFacts facts) {
        LocalVariables analysis = new LocalVariables(source, facts);
        Scope module = new Scope(ScopeKind.MODULE, null);
        analysis.walk(root, module);
        return analysis.resolve();
    }

    // --- pass 1: bindings and uses --------------------------------------------------------

    private void walk(SyntaxNode node, Scope scope) {
        String type = type(node);
        switch (type) {
            case "module" -> {
                for (int i = 0; i < node.getChildCount(); i++) {
                    topLevelStatements.add(node.getChild(i)); // not under an if (TYPE_CHECKING) or a try
                }
                walkChildren(node, scope);
            }
            case "identifier" -> asWritten(node);
            case "function_definition" -> function(node, scope);
            case "lambda" -> lambda(node, scope);
            case "class_definition" -> classDefinition(node, scope);
            case "assignment" -> assignment(node, scope);
            case "augmented_assignment" -> {
                target(node.getChild(0), scope);
                walkChildrenFrom(node, 1, scope);
            }
            case "for_statement", "for_in_clause" -> forLoop(node, scope, scope);
            case "named_expression" -> {
                walruses.add(new Walrus(scope, text(node.getChild(0))));
                target(node.getChild(0), walrusScope(scope));
                walkChildrenFrom(node, 1, scope);
            }
            case "as_pattern" -> asPattern(node, scope);
            case "delete_statement" -> walkTargets(node, scope);
            case "global_statement", "nonlocal_statement" -> declare(node, scope);
            case "import_statement", "import_from_statement" -> importing(node, scope, false);
            case "future_import_statement" -> importing(node, scope, true);
            case "keyword_argument" -> walkChildrenFrom(node, 1, scope); // the keyword is not a variable
            case "attribute" -> attribute(node, scope);
            case "call" -> call(node, scope);
            case "case_clause" -> caseClause(node, scope);
            case "type_alias_statement" -> asWrittenSubtree(node);
            case "exec_statement" -> {
                facts.noteLocalNameReader("exec");
                asWrittenSubtree(node);
            }
            case "interpolation" -> {
                if (node.hasAnonymousChild("=")) {
                    facts.noteLocalNameReader("an f-string's '=' (it prints the expression as written)");
                }
                walkChildren(node, scope);
            }
            default -> {
                if (COMPREHENSIONS.contains(type)) {
                    comprehension(node, scope);
                } else {
                    walkChildren(node, scope);
                }
            }
        }
    }

    private void walkChildren(SyntaxNode node, Scope scope) {
        walkChildrenFrom(node, 0, scope);
    }

    private void walkChildrenFrom(SyntaxNode node, int first, Scope scope) {
        boolean reads = READ_PARENTS.contains(type(node));
        for (int i = first; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (reads && type(child).equals("identifier")) {
                read(child, scope);
            } else {
                walk(child, scope);
            }
        }
    }

    private void function(SyntaxNode node, Scope scope) {
        Scope body = new Scope(ScopeKind.FUNCTION, scope);
        boolean named = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            switch (type(child)) {
                case "identifier" -> {
                    if (!named) {
                        named = true;
                        defNames.add(text(child));
                        fixed(child, scope);
                    } else {
                        asWritten(child);
                    }
                }
                case "parameters" -> parameters(child, scope, body);
                case "block" -> walk(child, body);
                // PEP 695 type parameters bind names in a scope of their own: kept as written
                case "type_parameter" -> asWrittenSubtree(child);
                default -> walk(child, scope); // the return annotation
            }
        }
    }

    private void lambda(SyntaxNode node, Scope scope) {
        Scope body = new Scope(ScopeKind.LAMBDA, scope);
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            String type = type(child);
            if (type.equals("lambda_parameters")) {
                parameters(child, scope, body);
            } else if (type.equals("identifier")) {
                read(child, body);
            } else if (PythonGrammar.isNamed(child.getSymbol())) {
                walk(child, body);
            }
        }
    }

    /** Parameter names are fixed in the function; defaults and annotations are evaluated outside it. */
    private void parameters(SyntaxNode node, Scope outer, Scope inner) {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            switch (type(child)) {
                case "identifier" -> fixed(child, inner);
                case "default_parameter", "typed_parameter", "typed_default_parameter" -> {
                    SyntaxNode name = child.getChild(0);
                    fixedParameterName(name, inner);
                    for (int j = 1; j < child.getChildCount(); j++) {
                        SyntaxNode part = child.getChild(j);
                        if (type(part).equals("identifier")) {
                            read(part, outer);
                        } else {
                            walk(part, outer);
                        }
                    }
                }
                case "list_splat_pattern", "dictionary_splat_pattern" -> fixedParameterName(child, inner);
                default -> {
                    if (PythonGrammar.isNamed(child.getSymbol())) {
                        asWrittenSubtree(child); // separators, comments, Python 2 tuple parameters
                    }
                }
            }
        }
    }

    private void fixedParameterName(SyntaxNode name, Scope inner) {
        if (type(name).equals("identifier")) {
            fixed(name, inner);
            return;
        }
        for (int i = 0; i < name.getChildCount(); i++) {
            SyntaxNode part = name.getChild(i);
            if (type(part).equals("identifier")) {
                fixed(part, inner);
            } else if (PythonGrammar.isNamed(part.getSymbol())) {
                asWrittenSubtree(part);
            }
        }
    }

    private void classDefinition(SyntaxNode node, Scope scope) {
        Scope body = new Scope(ScopeKind.CLASS, scope);
        boolean named = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            switch (type(child)) {
                case "identifier" -> {
                    if (!named) {
                        named = true;
                        fixed(child, scope);
                    } else {
                        asWritten(child);
                    }
                }
                case "block" -> walk(child, body);
                case "type_parameter" -> asWrittenSubtree(child);
                default -> walk(child, scope); // bases and keywords
            }
        }
    }

    private void assignment(SyntaxNode node, Scope scope) {
        SyntaxNode left = node.getChild(0);
        boolean hasValue = node.hasAnonymousChild("=");
        boolean annotated = node.hasAnonymousChild(":");
        if (annotated && type(left).equals("identifier")) {
            annotatedTargets.add(new AnnotatedTarget(node, scope, text(left)));
        }
        if (annotated && !hasValue && type(left).equals("identifier")) {
            // A bare annotation makes the name local without assigning it.
            String name = text(left);
            use(left, scope);
            bareAnnotations.add(new BareAnnotation(node, scope, name));
            scope.binding(name);
        } else {
            target(left, scope);
        }
        walkChildrenFrom(node, 1, scope);
    }

    private void forLoop(SyntaxNode node, Scope targetScope, Scope iterableScope) {
        boolean targetSeen = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (!PythonGrammar.isNamed(child.getSymbol()) || child.isTrivia()) {
                continue;
            }
            if (!targetSeen) {
                targetSeen = true;
                target(child, targetScope);
            } else if (type(child).equals("identifier")) {
                read(child, iterableScope);
            } else if (type(child).equals("block") || type(child).equals("else_clause")) {
                walk(child, targetScope);
            } else {
                walk(child, iterableScope);
            }
        }
    }

    private void comprehension(SyntaxNode node, Scope scope) {
        Scope inner = new Scope(ScopeKind.COMPREHENSION, scope);
        boolean firstLoop = true;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            String type = type(child);
            if (type.equals("for_in_clause")) {
                // The first loop's iterable is evaluated in the enclosing scope.
                forLoop(child, inner, firstLoop ? scope : inner);
                firstLoop = false;
            } else if (type.equals("identifier")) {
                read(child, inner);
            } else {
                walk(child, inner);
            }
        }
    }

    private void asPattern(SyntaxNode node, Scope scope) {
        SyntaxNode last = node.getChild(node.getChildCount() - 1);
        if (!type(last).equals("as_pattern_target")) {
            asWrittenSubtree(node); // a match pattern's "as" capture
            return;
        }
        for (int i = 0; i < node.getChildCount() - 1; i++) {
            SyntaxNode child = node.getChild(i);
            if (type(child).equals("identifier")) {
                read(child, scope);
            } else {
                walk(child, scope);
            }
        }
        target(last, scope);
    }

    private void caseClause(SyntaxNode node, Scope scope) {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (type(child).equals("case_pattern")) {
                asWrittenSubtree(child); // captures bind names in ways this analysis does not follow
            } else {
                walk(child, scope);
            }
        }
    }

    private void walkTargets(SyntaxNode node, Scope scope) {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (PythonGrammar.isNamed(child.getSymbol()) && !child.isTrivia()) {
                target(child, scope);
            }
        }
    }

    private void target(SyntaxNode node, Scope scope) {
        String type = type(node);
        if (type.equals("identifier")) {
            scope.binding(text(node)).stores++;
            use(node, scope);
        } else if (TARGET_CONTAINERS.contains(type)) {
            walkTargets(node, scope);
        } else if (type.equals("attribute") || type.equals("subscript")) {
            walk(node, scope);
        } else if (node.isTrivia()) {
            walk(node, scope);
        } else {
            asWrittenSubtree(node);
        }
    }

    private void attribute(SyntaxNode node, Scope scope) {
        SyntaxNode object = node.getChild(0);
        if (type(object).equals("identifier")) {
            read(object, scope);
        } else {
            walk(object, scope);
        }
        for (int i = 1; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (type(child).equals("identifier")) {
                facts.noteIdentifier(text(child)); // an attribute name is not a variable
            } else {
                walk(child, scope);
            }
        }
    }

    private void call(SyntaxNode node, Scope scope) {
        SyntaxNode function = node.getChild(0);
        callees.add(function);
        if (type(function).equals("identifier") && (text(function).equals("getattr") || text(function).equals("hasattr"))
                && node.getChildCount() > 1 && !secondArgumentIsPlainString(node.getChild(1))) {
            facts.noteName("__doc__"); // a computed attribute name could be any of them
            facts.noteName("__annotations__");
        }
        if (type(function).equals("identifier") && node.getChildCount() > 1
                && namedArguments(node.getChild(1)) > 0) {
            readersWithArguments.add(function);
        }
        walkChildren(node, scope);
    }

    private void declare(SyntaxNode node, Scope scope) {
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            if (type(child).equals("identifier")) {
                scope.declared.add(text(child));
                asWritten(child);
            }
        }
    }

    /**
     * Every name in an import is kept as written; only the names it binds are fixed in the scope:
     * {@code import a.b} binds {@code a}, {@code import a.b as c} binds {@code c}, {@code from m import x}
     * binds {@code x} (the module path binds nothing).
     */
    private void importing(SyntaxNode node, Scope scope, boolean future) {
        String type = type(node);
        boolean moduleSeen = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            SyntaxNode child = node.getChild(i);
            String childType = type(child);
            if (!PythonGrammar.isNamed(child.getSymbol()) || child.isTrivia()) {
                continue;
            }
            if (type.equals("import_from_statement") && !moduleSeen) {
                moduleSeen = true; // the module: "from a.b import x" binds nothing called a or b
                asWrittenSubtree(child);
                continue;
            }
            switch (childType) {
                case "dotted_name" -> {
                    for (int j = 0; j < child.getChildCount(); j++) {
                        SyntaxNode part = child.getChild(j);
                        if (type(part).equals("identifier")) {
                            if (j == 0) {
                                bindImported(part, scope, node, future);
                            } else {
                                asWritten(part);
                            }
                        }
                    }
                }
                case "aliased_import" -> {
                    SyntaxNode alias = child.getChild(child.getChildCount() - 1);
                    for (int j = 0; j < child.getChildCount() - 1; j++) {
                        asWrittenSubtree(child.getChild(j));
                    }
                    if (type(alias).equals("identifier")) {
                        bindImported(alias, scope, node, future);
                    } else {
                        asWrittenSubtree(alias);
                    }
                }
                default -> asWrittenSubtree(child);
            }
        }
    }

    private void bindImported(SyntaxNode name, Scope scope, SyntaxNode statement, boolean future) {
        if (future && text(name).equals("annotations")) {
            facts.futureAnnotations = true;
        }
        if (scope.kind == ScopeKind.MODULE && topLevelStatements.contains(statement)) {
            moduleImports.putIfAbsent(text(name), statement.getStartByte());
        }
        fixed(name, scope);
    }

    private Scope walrusScope(Scope scope) {
        Scope target = scope;
        while (target.kind == ScopeKind.COMPREHENSION && target.parent != null) {
            target = target.parent;
        }
        return target;
    }

    private void read(SyntaxNode identifier, Scope scope) {
        use(identifier, scope);
    }

    private void use(SyntaxNode identifier, Scope scope) {
        String name = text(identifier);
        noteReader(identifier, name);
        uses.add(new Use(identifier, scope, name));
    }

    private void fixed(SyntaxNode identifier, Scope scope) {
        scope.binding(text(identifier)).fixed = true;
        asWritten(identifier);
    }

    private void asWritten(SyntaxNode identifier) {
        String name = text(identifier);
        noteReader(identifier, name);
        namesAsWritten.add(name);
    }

    private void asWrittenSubtree(SyntaxNode node) {
        if (type(node).equals("identifier")) {
            asWritten(node);
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            asWrittenSubtree(node.getChild(i));
        }
    }

    private void noteReader(SyntaxNode identifier, String name) {
        facts.noteIdentifier(name);
        if ((name.equals("vars") || name.equals("dir")) && !readersWithArguments.contains(identifier)) {
            facts.noteLocalNameReader(name + "()");
        }
    }

    // --- pass 2: resolution ---------------------------------------------------------------

    private Result resolve() {
        List<Variable> variables = new ArrayList<>();
        for (Use use : uses) {
            Variable variable = resolve(use);
            if (variable == null) {
                namesAsWritten.add(use.name());
            } else {
                if (variable.uses.isEmpty()) {
                    variables.add(variable);
                }
                variable.uses.add(use.node());
                variable.seenFromClassBody |= use.scope().kind == ScopeKind.CLASS;
            }
        }
        for (Walrus walrus : walruses) {
            // "[x := x for x in xs]" does not compile: a walrus may not rebind a comprehension's target
            for (Scope scope = walrus.scope(); scope != null && scope.kind == ScopeKind.COMPREHENSION; scope = scope.parent) {
                Binding binding = scope.names.get(walrus.name());
                if (binding != null && binding.stores > 0) {
                    namesAsWritten.add(walrus.name());
                }
            }
        }
        Map<SyntaxNode, Integer> variableOf = new IdentityHashMap<>();
        List<String> names = new ArrayList<>();
        if (facts.readsLocalNames == null) {
            for (Variable variable : variables) {
                if (variable.seenFromClassBody || namesAsWritten.contains(variable.name) || variable.name.startsWith("__")) {
                    continue; // "__" names are mangled in classes, or mean something to Python
                }
                int number = names.size();
                names.add(variable.name);
                for (SyntaxNode node : variable.uses) {
                    variableOf.put(node, number);
                }
            }
        }
        Set<SyntaxNode> removable = Collections.newSetFromMap(new IdentityHashMap<>());
        for (BareAnnotation bare : bareAnnotations) {
            Binding binding = bare.scope().names.get(bare.name());
            if (bare.scope().kind == ScopeKind.FUNCTION && binding != null && (binding.fixed || binding.stores > 0)
                    && !bare.scope().declared.contains(bare.name())) {
                removable.add(bare.assignment());
            }
        }
        Set<SyntaxNode> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AnnotatedTarget target : annotatedTargets) {
            if (target.scope().declared.contains(target.name())) {
                kept.add(target.assignment()); // "counter: int = 1" after "global counter" does not compile
            }
        }
        Set<String> usedAsValues = new HashSet<>();
        for (Use use : uses) {
            if (defNames.contains(use.name()) && !callees.contains(use.node())) {
                usedAsValues.add(use.name());
            }
        }
        return new Result(variableOf, names, removable, kept, usedAsValues, moduleImports);
    }

    /** The variable a use names, or null when it is kept as written (global, parameter, class attribute...). */
    private Variable resolve(Use use) {
        String name = use.name();
        Scope scope = use.scope();
        boolean first = true;
        while (scope != null) {
            if (!first && scope.kind == ScopeKind.CLASS) {
                scope = scope.parent; // a class body is not visible from the scopes nested in it
                continue;
            }
            first = false;
            if (scope.declared.contains(name)) {
                return null;
            }
            Binding binding = scope.names.get(name);
            if (binding != null) {
                if (binding.fixed || scope.kind == ScopeKind.MODULE || scope.kind == ScopeKind.CLASS) {
                    return null;
                }
                if (binding.variable == null) {
                    binding.variable = new Variable(name);
                }
                return binding.variable;
            }
            scope = scope.parent;
        }
        return null;
    }

    // --- helpers --------------------------------------------------------------------------

    private boolean secondArgumentIsPlainString(SyntaxNode arguments) {
        int index = 0;
        for (int i = 0; i < arguments.getChildCount(); i++) {
            SyntaxNode child = arguments.getChild(i);
            if (!PythonGrammar.isNamed(child.getSymbol()) || child.isTrivia()) {
                continue;
            }
            if (index++ == 1) {
                return type(child).equals("string") && !hasChildOfType(child, "interpolation");
            }
        }
        return true; // fewer than two arguments: nothing computed
    }

    private static boolean hasChildOfType(SyntaxNode node, String childType) {
        for (int i = 0; i < node.getChildCount(); i++) {
            if (type(node.getChild(i)).equals(childType)) {
                return true;
            }
        }
        return false;
    }

    private int namedArguments(SyntaxNode arguments) {
        int count = 0;
        for (int i = 0; i < arguments.getChildCount(); i++) {
            SyntaxNode child = arguments.getChild(i);
            if (PythonGrammar.isNamed(child.getSymbol()) && !child.isTrivia()) {
                count++;
            }
        }
        return count;
    }

    private static String type(SyntaxNode node) {
        return PythonGrammar.typeName(node.getSymbol());
    }

    private String text(SyntaxNode node) {
        return source.slice(node.getStartByte(), node.getEndByte());
    }
}
