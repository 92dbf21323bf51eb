package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.codegen.ProgramLayout;
import dev.bpfbook.lang.types.Type;

import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * kstack and ustack, as variables or as {@code kstack(mode, depth)}: a stack id from bpf_get_stackid in the
 * "kstacks"/"ustacks" STACK_TRACE maps (ustack adds the pid at offset 8 so user space can symbolize).
 */
final class Stacks {
    static final int BPF_F_USER_STACK = 1 << 8;
    static final int DEFAULT_DEPTH = ProgramLayout.MAX_STACK_DEPTH;

    private Stacks() {}

    static List<Builtin> variables() {
        return List.of(new Variable(false), new Variable(true));
    }

    static List<Function> functions() {
        return List.of(new Call(false), new Call(true));
    }

    static Value emit(ProbeEmitter e, boolean user) {
        var asm = e.asm();
        String map = e.layout().stackMap(user);
        asm.emit(mov64Reg(1, Registers.CTX));
        asm.ldMap(2, map);
        asm.emit(mov64Imm(3, user ? BPF_F_USER_STACK : 0));
        asm.call(Helper.GET_STACKID);
        if (!user) {
            Registers.Temp t = e.regs().alloc();
            asm.emit(mov64Reg(e.regs().reg(t), 0));
            return new Value.Scalar(t);
        }
        int slot = e.zeroed(16);
        asm.emit(stx(DW, FP, slot, 0));
        asm.call(Helper.GET_CURRENT_PID_TGID);
        asm.emit(alu64Imm(RSH, 0, 32));
        asm.emit(stx(W, FP, slot + 8, 0));
        return new Value.Memory(slot, 16);
    }

    record Variable(boolean user) implements Builtin {
        public String name() {
            return user ? "ustack" : "kstack";
        }

        public String doc() {
            return user ? "ustack: the user stack trace at the probe, as ustack()"
                    : "kstack: the kernel stack trace at the probe, as kstack()";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return new Type.StackType(user, DEFAULT_DEPTH, Type.StackType.StackMode.BPFTRACE);
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            return Stacks.emit(e, user);
        }
    }

    /** kstack([mode][, depth]) with mode one of bpftrace, perf, raw and depth 1..127. */
    record Call(boolean user) implements Function {
        public String name() {
            return user ? "ustack" : "kstack";
        }

        public String doc() {
            String name = name();
            return name + "([mode] [, depth]): the " + (user ? "user" : "kernel") + " stack trace at the probe, "
                    + "printed in mode bpftrace, perf or raw, at most depth (1.." + ProgramLayout.MAX_STACK_DEPTH + ") frames";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            Type.StackType.StackMode mode = Type.StackType.StackMode.BPFTRACE;
            int depth = DEFAULT_DEPTH;
            if (!CallChecks.varargs(scope, call, 0, 2)) {
                return new Type.StackType(user, depth, mode);
            }
            for (int i = 0; i < call.args().size(); i++) {
                Expr a = call.args().get(i);
                if (i == 0 && call.args().size() == 2 && !(a instanceof Expr.Identifier)) {
                    CallChecks.expectsLiteral(scope, call, "stack mode", scope.typeOf(a));
                    return new Type.StackType(user, depth, mode);
                }
                if (i == 0 && a instanceof Expr.Identifier id) {
                    switch (id.name()) {
                        case "bpftrace" -> mode = Type.StackType.StackMode.BPFTRACE;
                        case "perf" -> mode = Type.StackType.StackMode.PERF;
                        case "raw" -> mode = Type.StackType.StackMode.RAW;
                        default -> scope.error(a.span(), name() + "(): invalid stack mode '" + id.name() + "' (bpftrace, perf or raw)");
                    }
                    continue;
                }
                var n = dev.bpfbook.lang.check.Constants.fold(a);
                if (n.isEmpty()) {
                    CallChecks.expectsLiteral(scope, call, "integer", scope.typeOf(a));
                } else if (n.getAsLong() < 1 || n.getAsLong() > ProgramLayout.MAX_STACK_DEPTH) {
                    scope.error(a.span(), name() + "(): stack depth must be between 1 and " + ProgramLayout.MAX_STACK_DEPTH);
                } else {
                    depth = (int) n.getAsLong();
                }
            }
            return new Type.StackType(user, depth, mode);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return Stacks.emit(e, user);
        }
    }
}
