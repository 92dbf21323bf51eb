package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;

/** ntop([af,] addr), pton("literal") and macaddr(p): network addresses. */
final class Net {
    static final int AF_INET = 2, AF_INET6 = 10;

    private Net() {}

    static List<Function> all() {
        return List.of(new Ntop(), new Pton(), new MacAddr());
    }

    /** Address bytes of an address-typed value: 4 for integers and 4-byte arrays, 16 for 16-byte arrays. */
    static int addressSize(Type t) {
        if (t instanceof Type.IntType) return 4; // an integer is an IPv4 address in its low 4 bytes
        if (t instanceof Type.ArrayType a && (a.size() == 4 || a.size() == 16)) return a.size();
        return -1;
    }

    /** An inet value: u64 family, then 16 address bytes. */
    static final class Ntop implements Function {
        public String name() {
            return "ntop";
        }

        public String doc() {
            return "ntop([af,] addr): an IPv4 or IPv6 address (integer or bytes), printed as text";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!CallChecks.varargs(scope, call, 1, 2)) {
                for (Expr a : call.args()) scope.typeOf(a);
                return new Type.InetType();
            }
            if (call.args().size() == 2) Aggregations.intArg(scope, call, 0);
            Expr addr = call.args().get(call.args().size() - 1);
            Type t = scope.typeOf(addr);
            int size = addressSize(t);
            if (size < 0) {
                scope.error(addr.span(), "ntop() expects an integer or array argument of size 4 or 16 (" + t.displayName() + " provided)");
            }
            return new Type.InetType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            var asm = e.asm();
            int slot = e.zeroed(24);
            Expr addr = call.args().get(call.args().size() - 1);
            if (call.args().size() == 2) {
                Registers.Temp af = e.scalar(call.args().get(0));
                asm.emit(stx(DW, FP, slot, e.regs().reg(af)));
                e.regs().free(af);
            } else {
                asm.emit(st(DW, FP, slot, addressSize(e.typeOf(addr)) == 16 ? AF_INET6 : AF_INET));
            }
            Value v = e.eval(addr);
            if (v instanceof Value.Scalar s) {
                asm.emit(stx(W, FP, slot + 8, e.regs().reg(s.temp())));
                e.regs().free(s.temp());
            } else {
                Value.Memory m = (Value.Memory) v;
                e.copyStack(slot + 8, m.offset(), Math.min(16, m.size()));
            }
            return new Value.Memory(slot, 24);
        }
    }

    /** pton("1.2.3.4") or pton("::1"): the address bytes, folded when compiling. */
    static final class Pton implements Function {
        public String name() {
            return "pton";
        }

        public String doc() {
            return "pton(\"addr\"): an IPv4 or IPv6 address literal as its bytes, u8[4] or u8[16]";
        }

        static byte[] parse(String text) {
            boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            if (!v4 && !text.contains(":")) return null;
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException | SecurityException ex) {
                return null;
            }
        }

        public Type check(CheckScope scope, Expr.Call call) {
            String text = Symbols.literalArg(scope, call);
            if (text == null) return new Type.ArrayType(Type.U8, 4);
            byte[] b = parse(text);
            if (b == null) {
                scope.error(call.args().get(0).span(), "pton() expects an IPv4 or IPv6 address literal, got \"" + text + "\"");
                return new Type.ArrayType(Type.U8, 4);
            }
            return new Type.ArrayType(Type.U8, b.length);
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            byte[] b = parse(((Expr.StrLit) call.args().get(0)).value());
            int slot = e.zeroed(b.length);
            for (int i = 0; i < b.length; i++) e.asm().emit(st(B, FP, slot + i, b[i] & 0xff));
            return new Value.Memory(slot, b.length);
        }
    }

    /** macaddr(p): 6 bytes from a pointer or an array. */
    static final class MacAddr implements Function {
        public String name() {
            return "macaddr";
        }

        public String doc() {
            return "macaddr(ptr): a 6-byte MAC address, printed as xx:xx:xx:xx:xx:xx";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 1)) return new Type.MacAddrType();
            Type t = scope.typeOf(call.args().get(0));
            boolean ok = t instanceof Type.IntType || t instanceof Type.PointerType || (t instanceof Type.ArrayType a && a.size() >= 6);
            if (!ok) scope.error(call.args().get(0).span(), "macaddr() expects a pointer or an array of at least 6 bytes (" + t.displayName() + " provided)");
            return new Type.MacAddrType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            int slot = e.zeroed(6);
            Value v = e.eval(call.args().get(0));
            if (v instanceof Value.Memory m) {
                e.copyStack(slot, m.offset(), 6);
                return new Value.Memory(slot, 6);
            }
            Registers.Temp p = ((Value.Scalar) v).temp();
            e.asm().emit(mov64Reg(3, e.regs().reg(p)));
            e.regs().free(p);
            e.asm().emit(mov64Reg(1, FP));
            e.asm().emit(alu64Imm(ADD, 1, slot));
            e.asm().emit(mov64Imm(2, 6));
            e.asm().call(e.types().isUserPointer(call.args().get(0)) ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
            return new Value.Memory(slot, 6);
        }
    }
}
