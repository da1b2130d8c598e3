package dev.stalewatch.triage.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.nodeTypes.SwitchNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renames a Java tree's local variables and lambda parameters to numbered placeholders, so that
 * two trees equal up to a consistent renaming of locals become equal. Scopes follow the language:
 * a local is visible from its declarator to the end of its block (for, for-each, try resources,
 * catch, switch groups and lambdas included).
 *
 * <p>As with Python, soundness comes from what is left alone: method and constructor parameters
 * (their names are visible through reflection), fields, pattern variables (their scope follows
 * the flow), and any local whose name is also written anywhere else in the text (a field, a
 * type, a label, an inherited member used by its simple name), or that is used inside a class
 * body nested in its scope, where an inherited field of the same name would win.
 */
final class JavaLocalNames {

    static final String PLACEHOLDER = "sw$";

    private static final class Local {
        final SimpleName declaration;
        final boolean fixed;
        final int frame;
        final List<SimpleName> uses = new ArrayList<>();
        boolean usedFromNestedClass;

        Local(SimpleName declaration, boolean fixed, int frame) {
            this.declaration = declaration;
            this.fixed = fixed;
            this.frame = frame;
        }
    }

    /** The placeholders given, in declaration order: what each stood for in this tree. */
    record Renaming(List<String> originalNames, List<SimpleName> renamedNodes, List<String> renamedFrom) {

        /** Puts the original names back. */
        void restore() {
            for (int i = 0; i < renamedNodes.size(); i++) {
                renamedNodes.get(i).setIdentifier(renamedFrom.get(i));
            }
        }
    }

    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    private final List<Local> locals = new ArrayList<>();
    private final Set<String> namesAsWritten = new HashSet<>();
    private int frame;

    private JavaLocalNames() {}

    /** Renames the tree's renameable locals in place. */
    static Renaming canonicalize(Node root) {
        JavaLocalNames names = new JavaLocalNames();
        names.scopes.push(new HashMap<>());
        names.visit(root);
        return names.rename();
    }

    private Renaming rename() {
        List<String> originals = new ArrayList<>();
        List<SimpleName> nodes = new ArrayList<>();
        List<String> from = new ArrayList<>();
        if (namesAsWritten.stream().anyMatch(n -> n.startsWith(PLACEHOLDER))
                || locals.stream().anyMatch(l -> l.declaration.getIdentifier().startsWith(PLACEHOLDER))) {
            return new Renaming(originals, nodes, from); // a placeholder could pass for a name as written
        }
        for (Local local : locals) {
            String name = local.declaration.getIdentifier();
            if (local.fixed || local.usedFromNestedClass || namesAsWritten.contains(name)) {
                continue;
            }
            String placeholder = PLACEHOLDER + originals.size();
            originals.add(name);
            for (SimpleName node : allOf(local)) {
                nodes.add(node);
                from.add(node.getIdentifier());
                node.setIdentifier(placeholder);
            }
        }
        return new Renaming(originals, nodes, from);
    }

    private static List<SimpleName> allOf(Local local) {
        List<SimpleName> all = new ArrayList<>(local.uses.size() + 1);
        all.add(local.declaration);
        all.addAll(local.uses);
        return all;
    }

    // --- the walk -------------------------------------------------------------------------

    private void visit(Node node) {
        if (node instanceof NameExpr name) {
            use(name.getName());
        } else if (node instanceof SimpleName name) {
            namesAsWritten.add(name.getIdentifier());
        } else if (node instanceof Name name) {
            namesAsWritten.add(name.getIdentifier());
            name.getQualifier().ifPresent(this::visit);
        } else if (node instanceof VariableDeclarationExpr declaration) {
            declareLocals(declaration);
        } else if (node instanceof BlockStmt block) {
            inScope(() -> block.getStatements().forEach(this::visit));
        } else if (node instanceof CallableDeclaration<?> callable) {
            callable(callable);
        } else if (node instanceof LambdaExpr lambda) {
            inScope(() -> {
                for (Parameter parameter : lambda.getParameters()) {
                    parameter.getAnnotations().forEach(this::visit);
                    visit(parameter.getType());
                    declare(parameter.getName(), false);
                }
                visit(lambda.getBody());
            });
        } else if (node instanceof ForStmt loop) {
            inScope(() -> {
                loop.getInitialization().forEach(this::visit);
                loop.getCompare().ifPresent(this::visit);
                loop.getUpdate().forEach(this::visit);
                visit(loop.getBody());
            });
        } else if (node instanceof ForEachStmt loop) {
            visit(loop.getIterable());
            inScope(() -> {
                declareLocals(loop.getVariable());
                visit(loop.getBody());
            });
        } else if (node instanceof TryStmt attempt) {
            tryStatement(attempt);
        } else if (node instanceof SwitchStmt || node instanceof SwitchExpr) {
            switchNode((SwitchNode) node);
        } else if (node instanceof TypeDeclaration<?> || node instanceof ObjectCreationExpr) {
            classBody(node);
        } else if (node instanceof FieldAccessExpr access) {
            visit(access.getScope()); // the field's own name is not a variable
            access.getTypeArguments().ifPresent(types -> types.forEach(this::visit));
        } else if (node instanceof MethodCallExpr call) {
            call.getScope().ifPresent(this::visit); // the method's name is not a variable
            call.getTypeArguments().ifPresent(types -> types.forEach(this::visit));
            call.getArguments().forEach(this::visit);
        } else {
            node.getChildNodes().forEach(this::visit);
        }
    }

    private void callable(CallableDeclaration<?> callable) {
        callable.getAnnotations().forEach(this::visit);
        callable.getTypeParameters().forEach(this::visit);
        callable.getThrownExceptions().forEach(this::visit);
        callable.getReceiverParameter().ifPresent(this::asWritten);
        namesAsWritten.add(callable.getNameAsString());
        if (callable instanceof MethodDeclaration method) {
            visit(method.getType());
        }
        inScope(() -> {
            for (Parameter parameter : callable.getParameters()) {
                parameter.getAnnotations().forEach(this::visit);
                visit(parameter.getType());
                declare(parameter.getName(), true);
            }
            if (callable instanceof MethodDeclaration method) {
                method.getBody().ifPresent(this::visit);
            } else if (callable instanceof ConstructorDeclaration constructor) {
                visit(constructor.getBody());
            }
        });
    }

    private void tryStatement(TryStmt attempt) {
        inScope(() -> {
            attempt.getResources().forEach(this::visit);
            visit(attempt.getTryBlock());
        });
        for (CatchClause clause : attempt.getCatchClauses()) {
            inScope(() -> {
                Parameter parameter = clause.getParameter();
                parameter.getAnnotations().forEach(this::visit);
                visit(parameter.getType());
                declare(parameter.getName(), false);
                visit(clause.getBody());
            });
        }
        attempt.getFinallyBlock().ifPresent(this::visit);
    }

    /** Old-style groups share one scope to the end of the switch; each arrow entry has its own. */
    private void switchNode(SwitchNode node) {
        visit(node.getSelector());
        inScope(() -> {
            for (SwitchEntry entry : node.getEntries()) {
                entry.getLabels().forEach(this::asWritten);
                if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                    entry.getGuard().ifPresent(this::visit);
                    entry.getStatements().forEach(this::visit);
                } else {
                    inScope(() -> {
                        entry.getGuard().ifPresent(this::visit);
                        entry.getStatements().forEach(this::visit);
                    });
                }
            }
        });
    }

    /** A class body: its members see outer locals only across a boundary where inherited names win. */
    private void classBody(Node node) {
        if (node instanceof ObjectCreationExpr creation) {
            creation.getScope().ifPresent(this::visit);
            visit(creation.getType());
            creation.getTypeArguments().ifPresent(types -> types.forEach(this::visit));
            creation.getArguments().forEach(this::visit);
            if (creation.getAnonymousClassBody().isEmpty()) {
                return;
            }
            frame++;
            scopes.push(new HashMap<>());
            creation.getAnonymousClassBody().get().forEach(this::visit);
            scopes.pop();
            frame--;
            return;
        }
        frame++;
        scopes.push(new HashMap<>());
        node.getChildNodes().forEach(this::visit);
        scopes.pop();
        frame--;
    }

    private void declareLocals(VariableDeclarationExpr declaration) {
        declaration.getAnnotations().forEach(this::visit);
        declaration.getModifiers().forEach(this::visit);
        for (VariableDeclarator declarator : declaration.getVariables()) {
            visit(declarator.getType());
            declare(declarator.getName(), false);
            declarator.getInitializer().ifPresent(this::visit); // its own initializer is in its scope
        }
    }

    private void declare(SimpleName name, boolean fixed) {
        for (Map<String, Local> scope : scopes) {
            Local outer = scope.get(name.getIdentifier());
            if (outer != null && outer.frame == frame) {
                // a local may not redeclare one still in scope: such a text does not compile, so prove nothing
                namesAsWritten.add(name.getIdentifier());
            }
        }
        Local local = new Local(name, fixed, frame);
        if (fixed) {
            namesAsWritten.add(name.getIdentifier());
        }
        locals.add(local);
        scopes.peek().put(name.getIdentifier(), local);
    }

    private void use(SimpleName name) {
        for (Map<String, Local> scope : scopes) {
            Local local = scope.get(name.getIdentifier());
            if (local != null) {
                if (local.fixed) {
                    namesAsWritten.add(name.getIdentifier());
                    return;
                }
                local.uses.add(name);
                local.usedFromNestedClass |= local.frame != frame;
                return;
            }
        }
        namesAsWritten.add(name.getIdentifier());
    }

    private void asWritten(Node node) {
        if (node instanceof SimpleName name) {
            namesAsWritten.add(name.getIdentifier());
        } else if (node instanceof NameExpr name) {
            namesAsWritten.add(name.getNameAsString());
        }
        node.getChildNodes().forEach(this::asWritten);
    }

    private void inScope(Runnable body) {
        scopes.push(new HashMap<>());
        try {
            body.run();
        } finally {
            scopes.pop();
        }
    }
}
