package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.types.Type;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The types the checker gave one probe's expressions and $locals, for one attach point. */
public final class Types {
    private final Map<Expr, Type> exprs = new IdentityHashMap<>();
    private final Set<Expr> userPointers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Type> locals = new LinkedHashMap<>();
    /** The $locals of each for-loop body: it runs as a callback subprogram with its own stack frame. */
    private final Map<dev.bpfbook.lang.ast.Stmt.For, Map<String, Type>> loopLocals = new IdentityHashMap<>();

    public Type of(Expr e) {
        Type t = exprs.get(e);
        if (t == null) throw new IllegalStateException("expression was not checked: " + e);
        return t;
    }

    void put(Expr e, Type t) {
        exprs.put(e, t);
    }

    /** Whether a pointer-valued expression points into user memory (syscall arguments). */
    public boolean isUserPointer(Expr e) {
        return userPointers.contains(e);
    }

    void markUserPointer(Expr e) {
        userPointers.add(e);
    }

    private final Map<Expr, Resolution> resolutions = new IdentityHashMap<>();

    /** What a C-level expression resolved to (enum constant, sizeof, field member, kfunc argument), or null. */
    public Resolution resolution(Expr e) {
        return resolutions.get(e);
    }

    void resolve(Expr e, Resolution r) {
        resolutions.put(e, r);
    }

    public Map<String, Type> locals() {
        return Collections.unmodifiableMap(locals);
    }

    Map<String, Type> mutableLocals() {
        return locals;
    }

    /** The $locals declared in a for-loop body, including the loop variable. */
    public Map<String, Type> loopLocals(dev.bpfbook.lang.ast.Stmt.For loop) {
        return Collections.unmodifiableMap(loopLocals.getOrDefault(loop, Map.of()));
    }

    Map<String, Type> mutableLoopLocals(dev.bpfbook.lang.ast.Stmt.For loop) {
        return loopLocals.computeIfAbsent(loop, k -> new LinkedHashMap<>());
    }
}
