package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/** delete(@m[k]): removes one element in the kernel (bpf_map_delete_elem). */
final class Delete implements Function {
    public String name() {
        return "delete";
    }

    public String doc() {
        return "delete(@map[key]): removes one element of a map";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (!CallChecks.nargs(scope, call, 1)) return new Type.VoidType();
        if (!(call.args().get(0) instanceof Expr.MapRef)) {
            scope.typeOf(call.args().get(0));
            scope.error(call.span(), "delete() expects a map to be provided");
            return new Type.VoidType();
        }
        MapDef def = scope.mapArgument(call.args().get(0), name());
        if (def != null && !(call.args().get(0) instanceof Expr.MapRef ref && (!ref.keys().isEmpty() || def.keyType() == null))) {
            scope.error(call.args().get(0).span(), "delete() expects a map element with its keys, e.g. delete(@m[k])");
        }
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        Expr.MapRef ref = (Expr.MapRef) call.args().get(0);
        MapDef def = e.layout().userMap("@" + ref.name());
        int key = e.mapKey(def, ref.keys());
        if (!def.hasBucketKey()) {
            e.delete(def.name(), key);
            return Value.NONE;
        }
        // A hist/lhist element is one map entry per bucket: delete them all in a bounded loop.
        long last = def.kind() instanceof ValueKind.LHist l ? (l.max() - l.min()) / l.step() + 1 : 65;
        int bucket = key + e.layout().spec(def.name()).keySize() - 8;
        var asm = e.asm();
        Registers.Temp b = e.regs().alloc();
        asm.emit(mov64Imm(e.regs().reg(b), 0));
        Assembler.Label loop = asm.newLabel("delbucket");
        asm.bind(loop);
        asm.emit(stx(DW, FP, bucket, e.regs().reg(b)));
        e.delete(def.name(), key);
        int r = e.regs().reg(b);
        asm.emit(alu64Imm(ADD, r, 1));
        asm.jmpImm(JLE, r, (int) Math.min(last, Integer.MAX_VALUE), loop);
        e.regs().free(b);
        return Value.NONE;
    }
}
