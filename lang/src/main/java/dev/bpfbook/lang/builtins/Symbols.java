package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.util.List;
import java.util.OptionalLong;

import static dev.bpfbook.lang.codegen.Insn.*;

/** ksym(addr), usym(addr): addresses printed as symbols; kaddr("name"), uaddr("name"): symbols as addresses. */
final class Symbols {
    private Symbols() {}

    static List<Function> all() {
        return List.of(new Ksym(), new Usym(), new Kaddr(), new Uaddr());
    }

    static boolean oneIntArg(CheckScope scope, Expr.Call call) {
        if (!Aggregations.arity(scope, call, 1)) return false;
        Type t = scope.typeOf(call.args().get(0));
        if (t instanceof Type.IntType || t instanceof Type.PointerType) return true;
        scope.error(call.args().get(0).span(), call.name() + "() expects an integer or a pointer argument (" + t.displayName() + " provided)");
        return false;
    }

    static final class Ksym implements Function {
        public String name() {
            return "ksym";
        }

        public String doc() {
            return "ksym(addr): a kernel address, printed as the name of the kernel symbol holding it";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            oneIntArg(scope, call);
            return new Type.SymbolType(false);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return e.eval(call.args().get(0));
        }
    }

    /** The address and the current pid (offset 8), whose memory map user space reads to symbolize. */
    static final class Usym implements Function {
        public String name() {
            return "usym";
        }

        public String doc() {
            return "usym(addr): a user address, printed as the symbol holding it in the current process";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            oneIntArg(scope, call);
            return new Type.SymbolType(true);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            Registers.Temp addr = e.scalar(call.args().get(0));
            int slot = e.zeroed(16);
            e.asm().emit(stx(DW, FP, slot, e.regs().reg(addr)));
            e.regs().free(addr);
            e.asm().call(Helper.GET_CURRENT_PID_TGID);
            e.asm().emit(alu64Imm(RSH, 0, 32));
            e.asm().emit(stx(W, FP, slot + 8, 0));
            return new Value.Memory(slot, 16);
        }
    }

    static String literalArg(CheckScope scope, Expr.Call call) {
        if (call.args().size() != 1 || !(call.args().get(0) instanceof Expr.StrLit s)) {
            for (Expr a : call.args()) scope.typeOf(a);
            scope.error(call.span(), call.name() + "() expects a string literal");
            return null;
        }
        scope.typeOf(s);
        return s.value();
    }

    /** kaddr("sym"): the address from the kernel's symbol table, resolved when compiling. */
    static final class Kaddr implements Function {
        public String name() {
            return "kaddr";
        }

        public String doc() {
            return "kaddr(\"name\"): the address of a kernel symbol, u64";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            String sym = literalArg(scope, call);
            if (sym != null && scope.context().catalogue().kernelSymbol(sym).isEmpty()) {
                scope.error(call.args().get(0).span(), "Failed to resolve kernel symbol: " + sym);
            }
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            OptionalLong a = e.catalogue().kernelSymbol(((Expr.StrLit) call.args().get(0)).value());
            return e.constant(a.orElse(0));
        }
    }

    /**
     * uaddr("sym"): the address of a symbol in the probed binary, resolved when compiling. As in bpftrace
     * it is the symbol's address in the file (PIE and shared objects are not relocated) and points to a
     * signed integer of the symbol's size (int64 when the size is not 1, 2, 4 or 8 bytes).
     */
    static final class Uaddr implements Function {
        public String name() {
            return "uaddr";
        }

        public String doc() {
            return "uaddr(\"name\"): the address of a symbol in the probed binary (uprobes and usdt), a pointer to int of its size";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            String sym = literalArg(scope, call);
            if (!Actions.isProvider(scope, "uprobe", "uretprobe", "usdt")) {
                scope.error(call.span(), "uaddr can not be used with \"" + scope.attachPoint().provider() + "\" probes");
                return new Type.PointerType(Type.S64);
            }
            if (sym == null) return new Type.PointerType(Type.S64);
            String path = binary(scope.attachPoint());
            var found = scope.context().catalogue().userSymbol(path, sym);
            if (found.isEmpty()) {
                scope.error(call.span(), "Could not resolve symbol: " + path + ":" + sym);
                return new Type.PointerType(Type.S64);
            }
            scope.markUserPointer(call);
            long size = found.get().size();
            int bytes = size == 1 || size == 2 || size == 4 || size == 8 ? (int) size : 8;
            return new Type.PointerType(new Type.IntType(bytes, true));
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            String sym = ((Expr.StrLit) call.args().get(0)).value();
            var found = e.catalogue().userSymbol(binary(e.attachPoint()), sym);
            return e.constant(found.map(dev.bpfbook.lang.program.ProbeCatalogue.UserSymbol::address).orElse(0L));
        }

        /** The ELF file a uprobe or usdt attach point probes: its target up to the first ':'. */
        static String binary(dev.bpfbook.lang.program.AttachPoint ap) {
            int colon = ap.target().indexOf(':');
            return colon < 0 ? ap.target() : ap.target().substring(0, colon);
        }
    }
}
