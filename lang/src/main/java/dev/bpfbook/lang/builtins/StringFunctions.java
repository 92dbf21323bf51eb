package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.Constants;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.types.Type;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static dev.bpfbook.lang.codegen.Insn.*;

/** strncmp(a, b, n) (0 when the first n bytes match, else 1) and strcontains(haystack, "needle") (1 or 0). */
final class StringFunctions {
    private StringFunctions() {}

    static List<Function> all() {
        return List.of(new Strncmp(), new Strcontains());
    }

    static boolean stringArg(CheckScope scope, Expr.Call call, int i) {
        Type t = scope.typeOf(call.args().get(i));
        if (t instanceof Type.StringType) return true;
        scope.error(call.args().get(i).span(), call.name() + "() expects a string argument (" + t.displayName() + " provided)");
        return false;
    }

    static final class Strncmp implements Function {
        public String name() {
            return "strncmp";
        }

        public String doc() {
            return "strncmp(s1, s2, n): 0 when the first n bytes of two strings match, else 1, u64";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 3)) return Type.U64;
            stringArg(scope, call, 0);
            stringArg(scope, call, 1);
            scope.typeOf(call.args().get(2));
            OptionalLong n = Constants.fold(call.args().get(2));
            if (n.isEmpty() || n.getAsLong() < 0) scope.error(call.args().get(2).span(), "strncmp() expects a non-negative integer literal as its third argument");
            return Type.U64;
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            long n = Constants.fold(call.args().get(2)).orElseThrow();
            Value.Memory a = e.memory(call.args().get(0));
            Value.Memory b = e.memory(call.args().get(1));
            var asm = e.asm();
            Registers.Temp res = e.regs().alloc();
            Assembler.Label differ = asm.newLabel("ncdiffer");
            Assembler.Label same = asm.newLabel("ncsame");
            Assembler.Label end = asm.newLabel("ncend");
            int len = (int) Math.min(n, Math.min(a.size(), b.size()));
            for (int i = 0; i < len; i++) {
                asm.emit(ldx(B, 0, FP, a.offset() + i));
                asm.emit(ldx(B, 1, FP, b.offset() + i));
                asm.jmpReg(JNE, 0, 1, differ);
                asm.jmpImm(JEQ, 0, 0, same);
            }
            int r = e.regs().reg(res);
            asm.bind(same);
            asm.emit(mov64Imm(r, 0));
            asm.ja(end);
            asm.bind(differ);
            asm.emit(mov64Imm(r, 1));
            asm.bind(end);
            return new Value.Scalar(res);
        }
    }

    static final class Strcontains implements Function {
        public String name() {
            return "strcontains";
        }

        public String doc() {
            return "strcontains(haystack, \"needle\"): 1 when needle occurs in haystack, else 0, u64";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 2)) return Type.U64;
            stringArg(scope, call, 0);
            if (stringArg(scope, call, 1) && !(call.args().get(1) instanceof Expr.StrLit)) {
                scope.error(call.args().get(1).span(), "strcontains() needle must be a string literal");
            }
            return Type.U64;
        }

        /** Tries each start in the haystack; a NUL in the haystack never matches a needle byte. */
        public Value emit(ProbeEmitter e, Expr.Call call) {
            byte[] needle = ((Expr.StrLit) call.args().get(1)).value().getBytes(StandardCharsets.UTF_8);
            Value.Memory h = e.memory(call.args().get(0));
            var asm = e.asm();
            Registers.Temp res = e.regs().alloc();
            int r = e.regs().reg(res);
            Assembler.Label found = asm.newLabel("found");
            Assembler.Label end = asm.newLabel("scend");
            Assembler.Label miss = asm.newLabel("miss");
            if (needle.length == 0 || needle.length > h.size() - 1) {
                asm.emit(mov64Imm(r, needle.length == 0 ? 1 : 0));
                return new Value.Scalar(res);
            }
            for (int start = 0; start + needle.length <= h.size() - 1; start++) {
                Assembler.Label next = asm.newLabel("next");
                asm.emit(ldx(B, 0, FP, h.offset() + start));
                asm.jmpImm(JEQ, 0, 0, miss);
                for (int j = 0; j < needle.length; j++) {
                    if (j > 0) asm.emit(ldx(B, 0, FP, h.offset() + start + j));
                    asm.jmpImm(JNE, 0, needle[j] & 0xff, next);
                }
                asm.ja(found);
                asm.bind(next);
            }
            asm.bind(miss);
            asm.emit(mov64Imm(r, 0));
            asm.ja(end);
            asm.bind(found);
            asm.emit(mov64Imm(r, 1));
            asm.bind(end);
            return new Value.Scalar(res);
        }
    }
}
