package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * avg, stats, min and max. Their per-CPU value is two u64s: avg/stats keep {sum, count}; min/max keep
 * {value, isSet} so a CPU that never saw a value does not count as 0 when user space reduces them.
 */
final class Statistics {
    private Statistics() {}

    /** The value of v and the per-CPU slot, with r0 pointing at the slot; {@code update} emits the change. */
    private abstract static class Pair implements Aggregation {
        abstract ValueKind kind(boolean signed);

        public ValueKind check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 1)) return null;
            Type.IntType t = Aggregations.intArg(scope, call, 0);
            return t == null ? null : kind(t.signed());
        }

        /** Emits the update of the pair at r0 with the value in register {@code v}; may jump to {@code done}. */
        abstract void update(ProbeEmitter e, int v, boolean signed, Assembler.Label done);

        public void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call) {
            Registers.Temp v = e.scalar(call.args().get(0));
            int key = e.mapKey(map, target.keys());
            Assembler.Label done = e.asm().newLabel(name() + "done");
            e.lookupOrInit(map.name(), key, done);
            boolean signed = e.typeOf(call.args().get(0)) instanceof Type.IntType it && it.signed();
            update(e, e.regs().reg(v), signed, done);
            e.asm().bind(done);
            e.regs().free(v);
        }
    }

    /** sum += v; count += 1. */
    private abstract static class SumAndCount extends Pair {
        void update(ProbeEmitter e, int v, boolean signed, Assembler.Label done) {
            var asm = e.asm();
            asm.emit(ldx(DW, 1, 0, 0));
            asm.emit(alu64Reg(ADD, 1, v));
            asm.emit(stx(DW, 0, 0, 1));
            asm.emit(ldx(DW, 1, 0, 8));
            asm.emit(alu64Imm(ADD, 1, 1));
            asm.emit(stx(DW, 0, 8, 1));
        }
    }

    static final class Avg extends SumAndCount {
        public String name() {
            return "avg";
        }

        public String doc() {
            return "avg(n): @m[k] = avg(n) averages n per key";
        }

        ValueKind kind(boolean signed) {
            return new ValueKind.Avg(signed);
        }
    }

    static final class Stats extends SumAndCount {
        public String name() {
            return "stats";
        }

        public String doc() {
            return "stats(n): @m[k] = stats(n) keeps the count, average and total of n per key";
        }

        ValueKind kind(boolean signed) {
            return new ValueKind.Stats(signed);
        }
    }

    /** Replaces the value when none is set yet or when v beats it. */
    private abstract static class Extreme extends Pair {
        abstract boolean wantsLess();

        void update(ProbeEmitter e, int v, boolean signed, Assembler.Label done) {
            var asm = e.asm();
            Assembler.Label set = asm.newLabel("set");
            asm.emit(ldx(DW, 1, 0, 8));
            asm.jmpImm(JEQ, 1, 0, set);
            asm.emit(ldx(DW, 1, 0, 0));
            // Keep the current value unless v is strictly better.
            int keep = wantsLess() ? (signed ? JSGE : JGE) : (signed ? JSLE : JLE);
            asm.jmpReg(keep, v, 1, done);
            asm.bind(set);
            asm.emit(stx(DW, 0, 0, v));
            asm.emit(st(DW, 0, 8, 1));
        }
    }

    static final class Min extends Extreme {
        public String name() {
            return "min";
        }

        public String doc() {
            return "min(n): @m[k] = min(n) keeps the smallest n per key";
        }

        boolean wantsLess() {
            return true;
        }

        ValueKind kind(boolean signed) {
            return new ValueKind.Min(signed);
        }
    }

    static final class Max extends Extreme {
        public String name() {
            return "max";
        }

        public String doc() {
            return "max(n): @m[k] = max(n) keeps the largest n per key";
        }

        boolean wantsLess() {
            return false;
        }

        ValueKind kind(boolean signed) {
            return new ValueKind.Max(signed);
        }
    }
}
