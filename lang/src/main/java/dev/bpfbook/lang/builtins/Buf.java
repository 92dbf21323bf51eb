package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.Constants;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.util.OptionalLong;

import static dev.bpfbook.lang.codegen.Insn.*;

/** buf(p, n) or buf(array): n bytes of memory, kept as {u8 length, data} and printed as hex escapes. */
final class Buf implements Function {
    static final int MAX = 64;

    public String name() {
        return "buf";
    }

    public String doc() {
        return "buf(ptr [, len]): len bytes (an array's size when omitted) read from memory as a buffer, printed with %r as text and hex escapes";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (call.args().isEmpty() || call.args().size() > 2) {
            scope.error(call.span(), "buf() requires 1 or 2 arguments (" + call.args().size() + " provided)");
            for (Expr a : call.args()) scope.typeOf(a);
            return new Type.BufferType(MAX);
        }
        Type t = scope.typeOf(call.args().get(0));
        if (call.args().size() == 1) {
            if (t instanceof Type.ArrayType at) return new Type.BufferType(Math.min(MAX, at.size()));
            scope.error(call.span(), "buf() needs a length unless its argument is an array");
            return new Type.BufferType(MAX);
        }
        // Strings are bytes on the stack already (bpftrace takes buf("ab\x01c", 4) too).
        if (!(t instanceof Type.IntType || t instanceof Type.PointerType || t instanceof Type.ArrayType || t instanceof Type.StringType)) {
            scope.error(call.args().get(0).span(), "buf() expects a pointer, an integer or an array (" + t.displayName() + " provided)");
        }
        Type n = scope.typeOf(call.args().get(1));
        if (!(n instanceof Type.IntType)) scope.error(call.args().get(1).span(), "buf() length must be an integer");
        OptionalLong len = Constants.fold(call.args().get(1));
        if (len.isPresent()) {
            if (len.getAsLong() < 1) scope.error(call.args().get(1).span(), "buf() length must be positive");
            return new Type.BufferType((int) Math.max(1, Math.min(MAX, len.getAsLong())));
        }
        return new Type.BufferType(MAX);
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        int cap = ((Type.BufferType) e.typeOf(call)).capacity();
        var asm = e.asm();
        int slot = e.zeroed(1 + cap);
        Value src = e.eval(call.args().get(0));
        if (src instanceof Value.Memory m) {
            int n = Math.min(cap, m.size());
            asm.emit(st(B, FP, slot, n));
            for (int i = 0; i < n; i++) {
                asm.emit(ldx(B, 0, FP, m.offset() + i));
                asm.emit(stx(B, FP, slot + 1 + i, 0));
            }
            if (call.args().size() == 2) e.discard(e.eval(call.args().get(1)));
            return new Value.Memory(slot, 1 + cap);
        }
        Registers.Temp p = ((Value.Scalar) src).temp();
        OptionalLong fixed = call.args().size() == 2 ? Constants.fold(call.args().get(1)) : OptionalLong.of(cap);
        if (fixed.isPresent()) {
            asm.emit(st(B, FP, slot, cap));
            asm.emit(mov64Imm(2, cap));
        } else {
            Registers.Temp n = e.scalar(call.args().get(1));
            asm.emit(mov64Reg(2, e.regs().reg(n)));
            e.regs().free(n);
            asm.emit(jmpImm(JLE, 2, cap, 1));
            asm.emit(mov64Imm(2, cap));
            asm.emit(stx(B, FP, slot, 2));
        }
        asm.emit(mov64Reg(3, e.regs().reg(p)));
        e.regs().free(p);
        asm.emit(mov64Reg(1, FP));
        asm.emit(alu64Imm(ADD, 1, slot + 1));
        asm.call(e.types().isUserPointer(call.args().get(0)) ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
        return new Value.Memory(slot, 1 + cap);
    }
}
