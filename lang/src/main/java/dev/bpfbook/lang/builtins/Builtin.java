package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

/** A builtin variable (pid, comm, nsecs…): how it is checked and typed, and the code that computes it. */
public interface Builtin {
    String name();

    /** One line for people: how it is written, what it means in bpftrace, and its value type. */
    String doc();

    Type check(CheckScope scope, Expr.Identifier id);

    Value emit(ProbeEmitter e, Expr.Identifier id);
}
