package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.btf.BtfTypes;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.Resolution;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * Function arguments and return values: {@code arg0}…{@code arg5} and {@code retval} of kprobes and uprobes,
 * read from the x86-64 {@code struct pt_regs} the program gets as context; {@code retval} of kretfunc from
 * the tracing context (u64 slots: the arguments, then the return value); {@code func}, the traced function.
 */
public final class ProbeArguments {
    private ProbeArguments() {}

    /** Offsets in x86-64 struct pt_regs of the argument registers di, si, dx, cx, r8, r9, and of ax and ip. */
    static final int[] ARG_REGS = {112, 104, 96, 88, 72, 64};
    static final int AX = 80, IP = 128, SP = 152;
    /** bpftrace's lexer knows sarg0..sarg9. */
    static final int STACK_ARGS = 10;

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        for (int i = 0; i < ARG_REGS.length; i++) out.add(new Arg(i));
        for (int i = 0; i < STACK_ARGS; i++) out.add(new StackArg(i));
        out.add(new RetVal());
        out.add(new Func());
        return out;
    }

    private static boolean registerProbe(AttachPoint ap) {
        return switch (ap.provider()) {
            case "kprobe", "uprobe" -> true;
            default -> false;
        };
    }

    /** A raw tracepoint's context is its arguments as u64 slots. */
    private static boolean rawTracepoint(AttachPoint ap) {
        return ap.provider().equals("rawtracepoint");
    }

    /** Whether the value of builtin {@code name} at {@code ap} is a user-space address (uprobe args and return values). */
    public static boolean isUserValue(String name, AttachPoint ap) {
        boolean user = ap.provider().equals("uprobe") || ap.provider().equals("uretprobe") || ap.provider().equals("usdt");
        return user && (name.equals("retval") || name.matches("s?arg[0-9]"));
    }

    /** {@code argN}: the Nth integer argument register. */
    record Arg(int index) implements Builtin {
        public String name() {
            return "arg" + index;
        }

        public String doc() {
            return name() + ": argument " + index + " of a kprobe, uprobe or raw tracepoint (arg0..arg"
                    + (ARG_REGS.length - 1) + " on x86-64), u64";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            if (isUserValue(name(), scope.attachPoint())) scope.markUserPointer(id);
            if (scope.attachPoint().provider().equals("usdt")) return usdtCheck(scope, id);
            if (!registerProbe(scope.attachPoint()) && !rawTracepoint(scope.attachPoint())) {
                String hint = scope.attachPoint().provider().startsWith("k") && scope.attachPoint().provider().endsWith("func")
                        ? " (use args." + "NAME with kfunc probes)" : "";
                scope.error(id.span(), "The " + name() + " builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes" + hint);
            }
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            if (e.attachPoint().provider().equals("usdt")) return usdtEmit(e);
            int offset = rawTracepoint(e.attachPoint()) ? 8 * index : ARG_REGS[index];
            return new Value.Scalar(e.loadContext(offset, 8, false));
        }

        /** A usdt argument exists where the site's note describes it in a form we can read. */
        private Type usdtCheck(CheckScope scope, Expr.Identifier id) {
            AttachPoint ap = scope.attachPoint();
            var site = UsdtArguments.site(scope.context().catalogue(), ap);
            if (site.isEmpty()) {
                scope.error(id.span(), "usdt probe " + ap.target() + " was not found, so its arguments are unknown");
                return Type.U64;
            }
            var args = UsdtArguments.parse(site.get().arguments());
            if (args.isEmpty()) {
                scope.error(id.span(), "usdt probe " + ap.target() + " has arguments bpfbook cannot read: " + site.get().arguments());
                return Type.U64;
            }
            if (index >= args.get().size()) {
                scope.error(id.span(), "usdt probe " + ap.target() + " has only " + args.get().size() + " arguments");
                return Type.U64;
            }
            return args.get().get(index).signed() ? Type.S64 : Type.U64;
        }

        /** Reads the argument as its note says: a register, a constant, or user memory at register + displacement. */
        private Value usdtEmit(ProbeEmitter e) {
            var site = UsdtArguments.site(e.catalogue(), e.attachPoint()).orElseThrow();
            UsdtArguments.Arg a = UsdtArguments.parse(site.arguments()).orElseThrow().get(index);
            if (a.kind() == UsdtArguments.Arg.Kind.CONSTANT) return e.constant(a.displacement());
            Registers.Temp t = e.loadContext(a.register(), 8, false);
            int r = e.regs().reg(t);
            if (a.kind() == UsdtArguments.Arg.Kind.MEMORY) {
                int slot = e.zeroed(8);
                e.asm().emit(mov64Reg(3, r));
                e.regs().free(t);
                if (a.displacement() != 0) e.asm().emit(alu64Imm(ADD, 3, (int) a.displacement()));
                e.asm().emit(mov64Reg(1, FP));
                e.asm().emit(alu64Imm(ADD, 1, slot));
                e.asm().emit(mov64Imm(2, a.size()));
                e.asm().call(Helper.PROBE_READ_USER);
                t = e.regs().alloc();
                r = e.regs().reg(t);
                e.asm().emit(ldx(DW, r, FP, slot));
            }
            if (a.size() < 8) {
                int shift = 64 - 8 * a.size();
                e.asm().emit(alu64Imm(LSH, r, shift));
                e.asm().emit(alu64Imm(a.signed() ? ARSH : RSH, r, shift));
            }
            return new Value.Scalar(t);
        }
    }

    /**
     * {@code sargN}: the Nth argument passed on the stack, read at {@code sp + 8*(N+1)} (sp points at the return
     * address on entry), from user memory for uprobes and kernel memory for kprobes.
     */
    record StackArg(int index) implements Builtin {
        public String name() {
            return "sarg" + index;
        }

        public String doc() {
            return name() + ": stack-passed argument " + index + " of a kprobe or uprobe (sarg0..sarg" + (STACK_ARGS - 1)
                    + "), read at sp + " + 8 * (index + 1) + ", u64";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            if (isUserValue(name(), scope.attachPoint())) scope.markUserPointer(id);
            if (!registerProbe(scope.attachPoint())) {
                scope.error(id.span(), "The " + name() + " builtin can only be used with 'kprobes' and 'uprobes' probes");
            }
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            int slot = e.zeroed(8);
            Registers.Temp sp = e.loadContext(SP, 8, false);
            e.asm().emit(mov64Reg(3, e.regs().reg(sp)));
            e.regs().free(sp);
            e.asm().emit(alu64Imm(ADD, 3, 8 * (index + 1)));
            e.asm().emit(mov64Reg(1, FP));
            e.asm().emit(alu64Imm(ADD, 1, slot));
            e.asm().emit(mov64Imm(2, 8));
            e.asm().call(e.attachPoint().provider().equals("uprobe") ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
            Registers.Temp t = e.regs().alloc();
            e.asm().emit(ldx(DW, e.regs().reg(t), FP, slot));
            return new Value.Scalar(t);
        }
    }

    /** {@code retval}: ax of kretprobe/uretprobe; the slot after the arguments of kretfunc, typed from BTF. */
    static final class RetVal implements Builtin {
        public String name() {
            return "retval";
        }

        public String doc() {
            return "retval: the return value in kretprobe, uretprobe and kretfunc probes, u64 (kretfunc: its C type)";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            AttachPoint ap = scope.attachPoint();
            switch (ap.provider()) {
                case "kretprobe", "uretprobe" -> {
                    if (isUserValue(name(), ap)) scope.markUserPointer(id);
                    return Type.U64;
                }
                case "kretfunc" -> {
                    Optional<BtfTypes.Function> f = function(scope, ap);
                    if (f.isEmpty()) {
                        scope.error(id.span(), "No BTF prototype for kernel function " + ap.target());
                        return Type.U64;
                    }
                    Type t = f.get().returnType();
                    scope.resolve(id, new Resolution.FunctionArg(f.get().params().size()));
                    if (t instanceof Type.IntType || t instanceof Type.PointerType) return t;
                    if (t instanceof Type.VoidType) scope.error(id.span(), "The function " + ap.target() + " returns void: it has no retval");
                    else scope.error(id.span(), "retval of type '" + t.displayName() + "' is not supported");
                    return Type.U64;
                }
                default -> {
                    String hint = ap.provider().equals("tracepoint") ? " (try to use args->ret instead)" : "";
                    scope.error(id.span(), "The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes" + hint);
                    return Type.U64;
                }
            }
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            AttachPoint ap = e.attachPoint();
            if (!ap.provider().equals("kretfunc")) return new Value.Scalar(e.loadContext(AX, 8, false));
            int slot = ((Resolution.FunctionArg) e.types().resolution(id)).index();
            return new Value.Scalar(functionSlot(e, slot, e.typeOf(id)));
        }
    }

    static Optional<BtfTypes.Function> function(CheckScope scope, AttachPoint ap) {
        try {
            return BtfTypes.of(scope.context().catalogue()).flatMap(t -> t.function(ap.target()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Loads u64 slot {@code index} of a tracing context and narrows it to {@code type}. */
    public static Registers.Temp functionSlot(ProbeEmitter e, int index, Type type) {
        Registers.Temp t = e.loadContext(8 * index, 8, false);
        if (type instanceof Type.IntType it && it.bytes() < 8) {
            int r = e.regs().reg(t);
            int shift = 64 - 8 * it.bytes();
            e.asm().emit(alu64Imm(LSH, r, shift));
            e.asm().emit(alu64Imm(it.signed() ? ARSH : RSH, r, shift));
        }
        return t;
    }

    /** {@code func}: the traced function, printed as a symbol. */
    static final class Func implements Builtin {
        public String name() {
            return "func";
        }

        public String doc() {
            return "func: the traced function, printed as its symbol (kprobe, kretprobe, kfunc, kretfunc, uprobe)";
        }

        public Type check(CheckScope scope, Expr.Identifier id) {
            return switch (scope.attachPoint().provider()) {
                case "kprobe", "kretprobe", "kfunc", "kretfunc" -> new Type.SymbolType(false);
                case "uprobe" -> new Type.SymbolType(true);
                default -> {
                    scope.error(id.span(), "The func builtin can only be used with kprobe, kretprobe, kfunc, kretfunc and uprobe probes");
                    yield new Type.SymbolType(false);
                }
            };
        }

        public Value emit(ProbeEmitter e, Expr.Identifier id) {
            if (e.attachPoint().provider().equals("uprobe")) {
                // usym: u64 address, then the u32 pid the runtime needs to symbolize it.
                int slot = e.zeroed(16);
                Registers.Temp ip = e.loadContext(IP, 8, false);
                e.asm().emit(stx(DW, FP, slot, e.regs().reg(ip)));
                e.regs().free(ip);
                e.asm().call(Helper.GET_CURRENT_PID_TGID);
                e.asm().emit(alu64Imm(RSH, 0, 32));
                e.asm().emit(stx(W, FP, slot + 8, 0));
                return new Value.Memory(slot, 16);
            }
            e.asm().emit(mov64Reg(1, Registers.CTX));
            e.asm().call(Helper.GET_FUNC_IP);
            Registers.Temp t = e.regs().alloc();
            e.asm().emit(mov64Reg(e.regs().reg(t), 0));
            return new Value.Scalar(t);
        }
    }
}
