package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static dev.bpfbook.lang.codegen.Insn.*;

/** Builtin variables read from the current task, the clock or the attach point: one entry each. */
final class ContextVariables {
    private ContextVariables() {}

    /** A builtin given by its type rule and its emitter. */
    record Simple(String name, String doc, BiFunction<CheckScope, Expr.Identifier, Type> type,
                  Function<ProbeEmitter, Value> code) implements Builtin {
        public Type check(CheckScope scope, Expr.Identifier id) {
            return type.apply(scope, id);
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            return code.apply(e);
        }
    }

    static List<Builtin> all() {
        return List.of(
                new Simple("pid", "pid: process id (the kernel's tgid) of the current task, u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_CURRENT_PID_TGID, Half.HIGH)),
                new Simple("tid", "tid: thread id (the kernel's pid) of the current task, u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_CURRENT_PID_TGID, Half.LOW)),
                new Simple("uid", "uid: real user id of the current task, u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_CURRENT_UID_GID, Half.LOW)),
                new Simple("gid", "gid: real group id of the current task, u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_CURRENT_UID_GID, Half.HIGH)),
                new Simple("nsecs", "nsecs: nanoseconds since boot on the monotonic clock (bpf_ktime_get_ns), u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.KTIME_GET_NS, Half.ALL)),
                new Simple("cpu", "cpu: id of the CPU running the probe, u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_SMP_PROCESSOR_ID, Half.LOW)),
                new Simple("rand", "rand: a pseudo-random 32-bit number (bpf_get_prandom_u32), u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_PRANDOM_U32, Half.LOW)),
                new Simple("jiffies", "jiffies: the kernel's jiffies tick counter (bpf_jiffies64), u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.JIFFIES64, Half.ALL)),
                new Simple("numaid", "numaid: NUMA node of the CPU running the probe (bpf_get_numa_node_id), u64",
                        (s, id) -> Type.U64, e -> helperResult(e, Helper.GET_NUMA_NODE_ID, Half.LOW)),
                new Simple("elapsed", "elapsed: nanoseconds since the program started, u64",
                        (s, id) -> Type.U64, ContextVariables::elapsed),
                new Simple("comm", "comm: name of the current task, string[16]",
                        (s, id) -> new Type.StringType(16), ContextVariables::comm),
                new Simple("probe", "probe: full name of the probe that fired, e.g. tracepoint:syscalls:sys_enter_read, string",
                        (s, id) -> new Type.StringType(nameBytes(s.attachPoint().name()).length + 1),
                        e -> e.stringConstant(e.attachPoint().name(), nameBytes(e.attachPoint().name()).length + 1)),
                new Simple("args", "args: the probe's arguments as a record, read as args->FIELD (tracepoint fields, kfunc parameters)",
                        (s, id) -> {
                    s.error(id.span(), "args must be followed by a field: args->NAME");
                    return Type.U64;
                }, e -> {
                    throw new IllegalStateException("bare args reached codegen");
                }));
    }

    private enum Half { ALL, LOW, HIGH }

    private static byte[] nameBytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Calls a helper without arguments and keeps all, the low or the high 32 bits of its result. */
    private static Value helperResult(ProbeEmitter e, Helper helper, Half half) {
        e.asm().call(helper);
        Registers.Temp t = e.regs().alloc();
        int r = e.regs().reg(t);
        switch (half) {
            case ALL -> e.asm().emit(mov64Reg(r, 0));
            case LOW -> e.asm().emit(alu32Reg(MOV, r, 0)); // 32-bit mov zero-extends
            case HIGH -> {
                e.asm().emit(mov64Reg(r, 0));
                e.asm().emit(alu64Imm(RSH, r, 32));
            }
        }
        return new Value.Scalar(t);
    }

    private static Value elapsed(ProbeEmitter e) {
        String map = e.layout().startTimeMap();
        int key = e.zeroed(8);
        e.asm().call(Helper.KTIME_GET_NS);
        Registers.Temp t = e.regs().alloc();
        e.asm().emit(mov64Reg(e.regs().reg(t), 0));
        e.lookup(map, key);
        Assembler.Label absent = e.asm().newLabel("nostart");
        e.asm().jmpImm(JEQ, 0, 0, absent);
        e.asm().emit(ldx(DW, 1, 0, 0));
        e.asm().emit(alu64Reg(SUB, e.regs().reg(t), 1));
        e.asm().bind(absent);
        return new Value.Scalar(t);
    }

    private static Value comm(ProbeEmitter e) {
        int slot = e.zeroed(16);
        e.asm().emit(mov64Reg(1, FP));
        e.asm().emit(alu64Imm(ADD, 1, slot));
        e.asm().emit(mov64Imm(2, 16));
        e.asm().call(Helper.GET_CURRENT_COMM);
        return new Value.Memory(slot, 16);
    }
}
