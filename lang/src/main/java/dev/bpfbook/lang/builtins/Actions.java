package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.Constants;
import dev.bpfbook.lang.check.PrintfFormat;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * Functions that act on the system or the probe: system(), cat(), signal(), override(), and those reading
 * probe state: reg(), path(), cgroupid(), cgroup_path().
 */
final class Actions {
    private Actions() {}

    static List<Function> all() {
        return List.of(new Formatted("system", true), new Formatted("cat", false), new Signal(), new Override(),
                new Reg(), new PathFunction(), new CgroupId(), new CgroupPath());
    }

    static void requireUnsafe(CheckScope scope, Expr.Call call) {
        if (!scope.context().unsafe()) scope.error(call.span(), call.name() + "() is an unsafe function being used in safe mode");
    }

    static boolean isProvider(CheckScope scope, String... providers) {
        for (String p : providers) if (scope.attachPoint().provider().equals(p)) return true;
        return false;
    }

    /** system(fmt, args…) (unsafe) and cat(fmt, args…): a printf-style record that user space formats and runs. */
    record Formatted(String name, boolean unsafe) implements Function {
        public String doc() {
            return unsafe
                    ? "system(fmt, ...): runs the printf-formatted shell command and prints its output; needs --unsafe"
                    : "cat(fmt, ...): prints the contents of the file named by the printf-formatted text";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (unsafe) requireUnsafe(scope, call);
            if (call.args().isEmpty() || !(call.args().get(0) instanceof Expr.StrLit fmt)) {
                scope.error(call.span(), name + "() expects a string literal as its first argument");
                for (Expr a : call.args()) scope.typeOf(a);
                return new Type.VoidType();
            }
            scope.typeOf(fmt);
            for (Expr a : call.args().subList(1, call.args().size())) scope.typeOf(a);
            try {
                int expected = PrintfFormat.parse(fmt.value()).directives().size();
                int given = call.args().size() - 1;
                if (given != expected) {
                    scope.error(call.span(), name + ": " + (given > expected ? "Too many" : "Not enough") + " arguments for format string ("
                            + given + " supplied, " + expected + " expected)");
                }
            } catch (PrintfFormat.FormatError e) {
                scope.error(call.span(), e.getMessage());
            }
            return new Type.VoidType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            String format = ((Expr.StrLit) call.args().get(0)).value();
            List<Expr> args = call.args().subList(1, call.args().size());
            Printf.Record record = Printf.Record.layout(e, args);
            AsyncAction action = unsafe ? new AsyncAction.SystemCommand(format, record.args()) : new AsyncAction.Cat(format, record.args());
            record.emit(e, e.layout().action(action), args);
            return Value.NONE;
        }
    }

    static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("SIGHUP", 1), Map.entry("SIGINT", 2), Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4),
            Map.entry("SIGTRAP", 5), Map.entry("SIGABRT", 6), Map.entry("SIGBUS", 7), Map.entry("SIGFPE", 8),
            Map.entry("SIGKILL", 9), Map.entry("SIGUSR1", 10), Map.entry("SIGSEGV", 11), Map.entry("SIGUSR2", 12),
            Map.entry("SIGPIPE", 13), Map.entry("SIGALRM", 14), Map.entry("SIGTERM", 15), Map.entry("SIGCHLD", 17),
            Map.entry("SIGCONT", 18), Map.entry("SIGSTOP", 19), Map.entry("SIGTSTP", 20), Map.entry("SIGTTIN", 21),
            Map.entry("SIGTTOU", 22), Map.entry("SIGURG", 23), Map.entry("SIGXCPU", 24), Map.entry("SIGXFSZ", 25),
            Map.entry("SIGVTALRM", 26), Map.entry("SIGPROF", 27), Map.entry("SIGWINCH", 28), Map.entry("SIGIO", 29),
            Map.entry("SIGPWR", 30), Map.entry("SIGSYS", 31));

    /** signal(sig): bpf_send_signal to the current process; sig is a number or a name ("KILL", "SIGKILL"). */
    static final class Signal implements Function {
        public String name() {
            return "signal";
        }

        public String doc() {
            return "signal(sig): sends a signal (number or name such as \"SIGKILL\") to the current task; needs --unsafe";
        }

        static Integer named(String s) {
            return SIGNALS.get(s.startsWith("SIG") ? s : "SIG" + s);
        }

        public Type check(CheckScope scope, Expr.Call call) {
            requireUnsafe(scope, call);
            if (!Aggregations.arity(scope, call, 1)) return new Type.VoidType();
            Expr a = call.args().get(0);
            Type t = scope.typeOf(a);
            if (a instanceof Expr.StrLit s) {
                if (named(s.value()) == null) scope.error(a.span(), "Invalid signal: " + s.value());
            } else if (!(t instanceof Type.IntType)) {
                scope.error(a.span(), "signal() expects a signal number or name (" + t.displayName() + " provided)");
            } else {
                OptionalLong n = Constants.fold(a);
                if (n.isPresent() && (n.getAsLong() < 1 || n.getAsLong() > 64)) scope.error(a.span(), "signal() value out of range: " + n.getAsLong());
            }
            if (isProvider(scope, "BEGIN", "END", "interval")) {
                scope.error(call.span(), "signal() cannot be used in " + scope.attachPoint().provider() + " probes");
            }
            return new Type.VoidType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            Expr a = call.args().get(0);
            if (a instanceof Expr.StrLit s) {
                e.asm().emit(mov64Imm(1, named(s.value())));
            } else {
                Registers.Temp t = e.scalar(a);
                e.asm().emit(mov64Reg(1, e.regs().reg(t)));
                e.regs().free(t);
            }
            e.asm().call(Helper.SEND_SIGNAL);
            return Value.NONE;
        }
    }

    /** override(rc): bpf_override_return in kprobes (unsafe). */
    static final class Override implements Function {
        public String name() {
            return "override";
        }

        public String doc() {
            return "override(rc): makes a kprobe'd function return rc without running it; needs --unsafe";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            requireUnsafe(scope, call);
            if (Aggregations.arity(scope, call, 1)) Aggregations.intArg(scope, call, 0);
            if (!isProvider(scope, "kprobe")) scope.error(call.span(), "override() can only be used in kprobes");
            return new Type.VoidType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            Registers.Temp t = e.scalar(call.args().get(0));
            e.asm().emit(mov64Reg(2, e.regs().reg(t)));
            e.regs().free(t);
            e.asm().emit(mov64Reg(1, Registers.CTX));
            e.asm().call(Helper.OVERRIDE_RETURN);
            return Value.NONE;
        }
    }

    /** Offsets in x86-64 struct pt_regs. */
    static final Map<String, Integer> PT_REGS = Map.ofEntries(
            Map.entry("r15", 0), Map.entry("r14", 8), Map.entry("r13", 16), Map.entry("r12", 24), Map.entry("bp", 32),
            Map.entry("bx", 40), Map.entry("r11", 48), Map.entry("r10", 56), Map.entry("r9", 64), Map.entry("r8", 72),
            Map.entry("ax", 80), Map.entry("cx", 88), Map.entry("dx", 96), Map.entry("si", 104), Map.entry("di", 112),
            Map.entry("orig_ax", 120), Map.entry("ip", 128), Map.entry("cs", 136), Map.entry("flags", 144),
            Map.entry("sp", 152), Map.entry("ss", 160));

    /** reg("ip"): a register of the probed context, in kprobes, uprobes, usdt and perf-event probes. */
    static final class Reg implements Function {
        public String name() {
            return "reg";
        }

        public String doc() {
            return "reg(\"name\"): a CPU register of the probed context, e.g. reg(\"ip\"), u64";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            String r = Symbols.literalArg(scope, call);
            if (r != null && !PT_REGS.containsKey(r)) scope.error(call.args().get(0).span(), "'" + r + "' is not a valid register on this architecture");
            // Like bpftrace: any context that starts with pt_regs. Perf events' bpf_perf_event_data does.
            if (!isProvider(scope, "kprobe", "kretprobe", "uprobe", "uretprobe", "usdt", "profile", "interval", "software",
                    "hardware", "watchpoint", "asyncwatchpoint")) {
                scope.error(call.span(), "reg can not be used with \"" + scope.attachPoint().provider() + "\" probes");
            }
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return new Value.Scalar(e.loadContext(PT_REGS.get(((Expr.StrLit) call.args().get(0)).value()), 8, false));
        }
    }

    /** path(p): d_path of a struct path *, only where the d_path helper is allowed (kfunc/kretfunc/iter). */
    static final class PathFunction implements Function {
        public String name() {
            return "path";
        }

        public String doc() {
            return "path(struct path *): the full path name of a path struct (kfunc probes), string";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (Aggregations.arity(scope, call, 1)) scope.typeOf(call.args().get(0));
            if (!isProvider(scope, "kfunc", "kretfunc", "iter")) {
                scope.error(call.span(), "The path function can only be used with 'kfunc', 'kretfunc', 'iter' probes");
            }
            return new Type.StringType(Str.STRLEN);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            Registers.Temp p = e.scalar(call.args().get(0));
            int slot = e.zeroed(Str.STRLEN);
            e.asm().emit(mov64Reg(1, e.regs().reg(p)));
            e.regs().free(p);
            e.asm().emit(mov64Reg(2, FP));
            e.asm().emit(alu64Imm(ADD, 2, slot));
            e.asm().emit(mov64Imm(3, Str.STRLEN));
            e.asm().call(Helper.D_PATH);
            return new Value.Memory(slot, Str.STRLEN);
        }
    }

    /** cgroupid("/sys/fs/cgroup/…"): the cgroup's id, resolved when compiling. */
    static final class CgroupId implements Function {
        public String name() {
            return "cgroupid";
        }

        public String doc() {
            return "cgroupid(\"/sys/fs/cgroup/...\"): the id of a cgroup v2 directory, u64 (resolved at compile time)";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            String path = Symbols.literalArg(scope, call);
            if (path != null && scope.context().catalogue().cgroupId(path).isEmpty()) {
                scope.error(call.args().get(0).span(), "cgroupid: cannot resolve cgroup path \"" + path + "\"");
            }
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return e.constant(e.catalogue().cgroupId(((Expr.StrLit) call.args().get(0)).value()).orElse(0));
        }
    }

    /** cgroup_path(id [, "filter"]): the id is recorded; user space finds the cgroup directories with that inode. */
    static final class CgroupPath implements Function {
        public String name() {
            return "cgroup_path";
        }

        public String doc() {
            return "cgroup_path(id [, \"filter\"]): the paths of a cgroup id in each cgroup hierarchy (or those matching filter), "
                    + "printed as text";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (call.args().isEmpty() || call.args().size() > 2) {
                for (Expr a : call.args()) scope.typeOf(a);
                scope.error(call.span(), "cgroup_path() requires 1 or 2 arguments (" + call.args().size() + " provided)");
                return new Type.CgroupPathType("");
            }
            Type id = scope.typeOf(call.args().get(0));
            if (!(id instanceof Type.IntType)) {
                scope.error(call.args().get(0).span(), "cgroup_path() expects an integer cgroup id (" + id.displayName() + " provided)");
            }
            String filter = "";
            if (call.args().size() == 2) {
                scope.typeOf(call.args().get(1));
                if (call.args().get(1) instanceof Expr.StrLit s) filter = s.value();
                else scope.error(call.args().get(1).span(), "cgroup_path() expects a string literal as its filter");
            }
            return new Type.CgroupPathType(filter);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return new Value.Scalar(e.scalar(call.args().get(0)));
        }
    }
}
