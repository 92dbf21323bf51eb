package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * count, sum, hist, lhist. Each updates a per-CPU value: look it up, insert zero with BPF_NOEXIST when
 * absent and look up again, then add (per-CPU values need no atomics).
 */
final class Aggregations {
    private Aggregations() {}

    /** Adds {@code reg} (or 1 when reg < 0) to the u64 at r0. */
    static void addToValue(ProbeEmitter e, int reg) {
        e.asm().emit(ldx(DW, 1, 0, 0));
        if (reg < 0) e.asm().emit(alu64Imm(ADD, 1, 1));
        else e.asm().emit(alu64Reg(ADD, 1, reg));
        e.asm().emit(stx(DW, 0, 0, 1));
    }

    static boolean arity(CheckScope scope, Expr.Call call, int n) {
        if (!CallChecks.nargs(scope, call, n)) {
            for (Expr a : call.args()) scope.typeOf(a);
            return false;
        }
        return true;
    }

    static Type.IntType intArg(CheckScope scope, Expr.Call call, int i) {
        Type t = scope.typeOf(call.args().get(i));
        if (t instanceof Type.IntType it) return it;
        CallChecks.onlySupports(scope, call, "integer", t);
        return null;
    }

    /** Bumps the value of key {@code keyOff} by {@code reg} (or by 1 when reg < 0). */
    static void bump(ProbeEmitter e, MapDef map, int keyOff, Registers.Temp amount) {
        Assembler.Label done = e.asm().newLabel("aggdone");
        e.lookupOrInit(map.name(), keyOff, done);
        addToValue(e, amount == null ? -1 : e.regs().reg(amount));
        e.asm().bind(done);
        e.regs().free(amount);
    }

    static final class Count implements Aggregation {
        public String name() {
            return "count";
        }

        public String doc() {
            return "count(): @m[k] = count() counts events per key";
        }

        public ValueKind check(CheckScope scope, Expr.Call call) {
            return arity(scope, call, 0) ? new ValueKind.Count() : null;
        }

        public void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call) {
            int key = e.mapKey(map, target.keys());
            bump(e, map, key, null);
        }
    }

    static final class Sum implements Aggregation {
        public String name() {
            return "sum";
        }

        public String doc() {
            return "sum(n): @m[k] = sum(n) adds up n per key";
        }

        public ValueKind check(CheckScope scope, Expr.Call call) {
            if (!arity(scope, call, 1)) return null;
            Type.IntType t = intArg(scope, call, 0);
            return t == null ? null : new ValueKind.Sum(t.signed());
        }

        public void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call) {
            Registers.Temp v = e.scalar(call.args().get(0));
            int key = e.mapKey(map, target.keys());
            bump(e, map, key, v);
        }
    }

    /** Writes the bucket index in {@code bucket} into the u64 that ends the map key. */
    static void storeBucket(ProbeEmitter e, MapSpec spec, int keyOff, Registers.Temp bucket) {
        e.asm().emit(stx(DW, FP, keyOff + spec.keySize() - 8, e.regs().reg(bucket)));
        e.regs().free(bucket);
    }

    static final class Hist implements Aggregation {
        public String name() {
            return "hist";
        }

        public String doc() {
            return "hist(n): @m[k] = hist(n) counts n in a power-of-two histogram per key";
        }

        public ValueKind check(CheckScope scope, Expr.Call call) {
            if (!arity(scope, call, 1)) return null;
            return intArg(scope, call, 0) == null ? null : new ValueKind.Hist();
        }

        /** bucket = 0 for v < 0, 1 for v == 0, else floor(log2 v) + 2, by a 6-step binary search. */
        public void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call) {
            Registers.Temp v = e.scalar(call.args().get(0));
            Registers.Temp b = e.regs().alloc();
            var asm = e.asm();
            int[] rr = e.regs().regs(v, b);
            int rv = rr[0], rb = rr[1];
            Assembler.Label done = asm.newLabel("log2");
            asm.emit(mov64Imm(rb, 0));
            asm.jmpImm(JSLT, rv, 0, done);
            asm.emit(mov64Imm(rb, 1));
            asm.jmpImm(JEQ, rv, 0, done);
            asm.emit(mov64Imm(rb, 2));
            for (int shift : new int[] {32, 16, 8, 4, 2, 1}) {
                asm.emit(mov64Reg(0, rv));
                asm.emit(alu64Imm(RSH, 0, shift));
                asm.emit(jmpImm(JEQ, 0, 0, 2));
                asm.emit(mov64Reg(rv, 0));
                asm.emit(alu64Imm(ADD, rb, shift));
            }
            asm.bind(done);
            e.regs().free(v);
            int key = e.mapKey(map, target.keys());
            storeBucket(e, e.layout().spec(map.name()), key, b);
            bump(e, map, key, null);
        }
    }

    static final class LHist implements Aggregation {
        public String name() {
            return "lhist";
        }

        public String doc() {
            return "lhist(n, min, max, step): @m[k] = lhist(...) counts n in a linear histogram per key";
        }

        public ValueKind check(CheckScope scope, Expr.Call call) {
            if (!arity(scope, call, 4)) return null;
            if (intArg(scope, call, 0) == null) return null;
            long[] p = new long[3];
            for (int i = 1; i < 4; i++) {
                Expr a = call.args().get(i);
                Type at = scope.typeOf(a);
                java.util.OptionalLong lit = a instanceof Expr.IntLit || a instanceof Expr.Unary
                        ? dev.bpfbook.lang.check.Constants.fold(a) : java.util.OptionalLong.empty();
                if (lit.isEmpty()) {
                    CallChecks.expectsLiteral(scope, call, "integer", at);
                    return null;
                }
                p[i - 1] = lit.getAsLong();
            }
            if (p[0] < 0) {
                scope.error(call.span(), "lhist() min must be non-negative (provided min " + p[0] + ")");
                return null;
            }
            if (p[0] >= p[1]) {
                scope.error(call.span(), "lhist() min must be less than max (provided min " + p[0] + " and max " + p[1] + ")");
                return null;
            }
            if (p[2] <= 0) {
                scope.error(call.span(), "lhist() step must be >= 1 (" + p[2] + " provided)");
                return null;
            }
            return new ValueKind.LHist(p[0], p[1], p[2]);
        }

        /** bucket = 0 below min, (max - min) / step + 1 above max, else (v - min) / step + 1. */
        public void emitUpdate(ProbeEmitter e, MapDef map, Expr.MapRef target, Expr.Call call) {
            ValueKind.LHist kind = (ValueKind.LHist) e.layout().spec(map.name()).value();
            Registers.Temp v = e.scalar(call.args().get(0));
            var asm = e.asm();
            int rv = e.regs().reg(v);
            Assembler.Label done = asm.newLabel("lhist");
            Assembler.Label inRange = asm.newLabel("inrange");
            asm.movImm(1, kind.min());
            asm.movImm(2, kind.max());
            asm.jmpReg(JSGE, rv, 1, inRange);
            asm.emit(mov64Imm(rv, 0));
            asm.ja(done);
            asm.bind(inRange);
            Assembler.Label below = asm.newLabel("belowmax");
            asm.jmpReg(JSLE, rv, 2, below);
            asm.movImm(rv, (kind.max() - kind.min()) / kind.step() + 1);
            asm.ja(done);
            asm.bind(below);
            asm.emit(alu64Reg(SUB, rv, 1));
            if (kind.step() == (int) kind.step()) {
                asm.emit(alu64Imm(DIV, rv, (int) kind.step()));
            } else {
                asm.movImm(1, kind.step());
                asm.emit(alu64Reg(DIV, rv, 1));
            }
            asm.emit(alu64Imm(ADD, rv, 1));
            asm.bind(done);
            int key = e.mapKey(map, target.keys());
            storeBucket(e, e.layout().spec(map.name()), key, v);
            bump(e, map, key, null);
        }
    }
}
