package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

/** A builtin function (printf, str, exit, print, delete…): check/type hook and emit hook. */
public interface Function {
    String name();

    /** One line for people: how it is written, what it means in bpftrace, and its value type. */
    String doc();

    Type check(CheckScope scope, Expr.Call call);

    Value emit(ProbeEmitter e, Expr.Call call);
}
