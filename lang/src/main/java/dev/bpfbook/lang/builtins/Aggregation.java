package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.program.ValueKind;

/**
 * A map aggregation function ({@code @m[k] = count()}): its check hook returns the map's value kind,
 * its emit hook updates the per-CPU value for the key.
 */
public interface Aggregation {
    String name();

    /** One line for people: how it is written, what it means in bpftrace, and its value type. */
    String doc();

    /** Checks the arguments; returns null after reporting an error. */
    ValueKind check(CheckScope scope, Expr.Call call);

    void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call);
}
