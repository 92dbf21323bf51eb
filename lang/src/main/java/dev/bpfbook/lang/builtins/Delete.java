package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

/** delete(@m[k]): removes one element in the kernel (bpf_map_delete_elem). */
final class Delete implements Function {
    public String name() {
        return "delete";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (call.args().size() != 1) {
            scope.error(call.span(), "delete() requires 1 argument (" + call.args().size() + " provided)");
            return new Type.VoidType();
        }
        MapDef def = scope.mapArgument(call.args().get(0), name());
        if (def != null && def.hasBucketKey()) scope.error(call.span(), "delete() of a " + MapDef.kindName(def.kind()) + " map element is not supported; use clear()");
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        Expr.MapRef ref = (Expr.MapRef) call.args().get(0);
        MapDef def = e.layout().userMap("@" + ref.name());
        int key = e.mapKey(def, ref.keys());
        e.delete(def.name(), key);
        return Value.NONE;
    }
}
