package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

/**
 * kptr(p) and uptr(p): p unchanged, but later reads through it (str, buf, *, ->) use probe_read_kernel or
 * probe_read_user whatever the probe would have chosen.
 */
record AddressSpace(boolean user) implements Function {
    public String name() {
        return user ? "uptr" : "kptr";
    }

    public String doc() {
        return name() + "(p): p, an integer or pointer of the same type, read from " + (user ? "user" : "kernel")
                + " memory when dereferenced or passed to str()";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (call.args().size() != 1) {
            scope.error(call.span(), name() + "() requires one argument (" + call.args().size() + " provided)");
            for (Expr a : call.args()) scope.typeOf(a);
            return Type.U64;
        }
        Type t = scope.typeOf(call.args().get(0));
        if (!(t instanceof Type.IntType || t instanceof Type.PointerType)) {
            String given = t instanceof Type.StringType ? "string" : t.displayName(); // bpftrace's wording
            scope.error(call.args().get(0).span(), name() + "() only supports integer or pointer arguments (" + given + " provided)");
            return Type.U64;
        }
        if (user) scope.markUserPointer(call);
        return t;
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        return e.eval(call.args().get(0));
    }
}
