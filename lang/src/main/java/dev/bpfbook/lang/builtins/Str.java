package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * str(ptr[, len]): a NUL-terminated string read from user memory (syscall arguments) or kernel memory
 * (everything else, including __data_loc fields of the tracepoint record), into a string[64].
 */
final class Str implements Function {
    /** bpftrace's BPFTRACE_STRLEN default. */
    static final int STRLEN = 64;

    public String name() {
        return "str";
    }

    public String doc() {
        return "str(ptr [, len]): a NUL-terminated string read from kernel or user memory, string[64] (or len)";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (!CallChecks.varargs(scope, call, 1, 2)) {
            for (Expr a : call.args()) scope.typeOf(a);
            return new Type.StringType(STRLEN);
        }
        if (call.args().size() == 1 && call.args().get(0) instanceof Expr.Positional p) {
            // str($1): the parameter's text, whether or not it looks like a number (bpftrace's rule).
            scope.typeOf(p);
            return new Type.StringType(STRLEN);
        }
        Type t = scope.typeOf(call.args().get(0));
        if (!(t instanceof Type.PointerType || t instanceof Type.IntType)) {
            scope.error(call.span(), "str() expects an integer or a pointer type as first argument (" + t.displayName() + " provided)");
            if (call.args().size() == 2) scope.typeOf(call.args().get(1));
            return new Type.StringType(STRLEN);
        }
        if (call.args().size() == 2) {
            Type len = scope.typeOf(call.args().get(1));
            if (!(len instanceof Type.IntType)) CallChecks.onlySupports(scope, call, "integer", len);
        }
        return new Type.StringType(STRLEN);
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        Expr ptr = call.args().get(0);
        if (call.args().size() == 1 && ptr instanceof Expr.Positional pos) {
            String text = e.positionalText(pos.index());
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return e.stringConstant(b.length >= STRLEN ? new String(b, 0, STRLEN - 1, java.nio.charset.StandardCharsets.UTF_8) : text, STRLEN);
        }
        Registers.Temp p = e.scalar(ptr);
        Registers.Temp len = call.args().size() == 2 ? e.scalar(call.args().get(1)) : null;
        int slot = e.zeroed(STRLEN);
        if (len != null) {
            int[] rr = e.regs().regs(p, len);
            e.asm().emit(mov64Reg(2, rr[1]));
            e.asm().emit(alu64Imm(ADD, 2, 1)); // room for the NUL
            e.asm().emit(jmpImm(JLE, 2, STRLEN, 1));
            e.asm().emit(mov64Imm(2, STRLEN));
            e.asm().emit(mov64Reg(3, rr[0]));
            e.regs().free(len);
        } else {
            e.asm().emit(mov64Reg(3, e.regs().reg(p)));
            e.asm().emit(mov64Imm(2, STRLEN));
        }
        e.regs().free(p);
        e.asm().emit(mov64Reg(1, FP));
        e.asm().emit(alu64Imm(ADD, 1, slot));
        e.asm().call(e.types().isUserPointer(ptr) ? Helper.PROBE_READ_USER_STR : Helper.PROBE_READ_KERNEL_STR);
        return new Value.Memory(slot, STRLEN);
    }
}
