package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Insn;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.util.List;

/** bswap(n) reverses the bytes of an integer of its own width; strerror(n) prints an errno as text. */
final class IntFunctions {
    private IntFunctions() {}

    static List<Function> all() {
        return List.of(new Bswap(), new Strerror());
    }

    static final class Bswap implements Function {
        public String name() {
            return "bswap";
        }

        public String doc() {
            return "bswap(n): n with its bytes reversed, same integer width";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 1)) return Type.U64;
            Type.IntType t = Aggregations.intArg(scope, call, 0);
            return t == null ? Type.U64 : new Type.IntType(t.bytes(), false);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            int bytes = ((Type.IntType) e.typeOf(call)).bytes();
            Registers.Temp t = e.scalar(call.args().get(0));
            int r = e.regs().reg(t);
            // BPF_END to big endian on a little-endian machine swaps and zero-extends the low 16/32/64 bits.
            if (bytes > 1) e.asm().emit(Insn.endian(r, true, bytes * 8));
            else e.asm().emit(Insn.alu64Imm(Insn.AND, r, 0xff));
            return new Value.Scalar(t);
        }
    }

    static final class Strerror implements Function {
        public String name() {
            return "strerror";
        }

        public String doc() {
            return "strerror(errno): an error number, printed as its message (e.g. \"No such file or directory\")";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (Aggregations.arity(scope, call, 1)) Aggregations.intArg(scope, call, 0);
            return new Type.ErrnoType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return e.eval(call.args().get(0));
        }
    }
}
