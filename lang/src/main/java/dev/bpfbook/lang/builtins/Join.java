package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.Assembler;
import dev.bpfbook.lang.codegen.Helper;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Registers;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * join(argv[, sep]): reads up to {@link #COUNT} pointers of a NULL-terminated char* array and the strings
 * they point to ({@link #WIDTH} bytes each) into a record built in the per-CPU scratch map; user space
 * joins the non-empty ones with the separator.
 */
final class Join implements Function {
    static final int COUNT = 16, WIDTH = 64, OFFSET = 8, SIZE = OFFSET + COUNT * WIDTH;

    public String name() {
        return "join";
    }

    public String doc() {
        return "join(char *arr[] [, sep]): prints a NULL-terminated array of strings, joined by sep (default \" \")";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (call.args().isEmpty() || call.args().size() > 2) {
            scope.error(call.span(), "join() requires 1 or 2 arguments (" + call.args().size() + " provided)");
            for (Expr a : call.args()) scope.typeOf(a);
            return new Type.VoidType();
        }
        Type t = scope.typeOf(call.args().get(0));
        if (!(t instanceof Type.IntType || t instanceof Type.PointerType)) {
            scope.error(call.args().get(0).span(), "join() expects an integer or a pointer to an array of strings (" + t.displayName() + " provided)");
        }
        if (call.args().size() == 2) {
            scope.typeOf(call.args().get(1));
            if (!(call.args().get(1) instanceof Expr.StrLit)) scope.error(call.args().get(1).span(), "join() separator must be a string literal");
        }
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        String sep = call.args().size() == 2 ? ((Expr.StrLit) call.args().get(1)).value() : " ";
        boolean user = e.types().isUserPointer(call.args().get(0));
        int id = e.layout().action(new AsyncAction.Join(sep, COUNT, WIDTH, OFFSET));
        var asm = e.asm();
        Registers.Temp base = e.scalar(call.args().get(0));
        String map = e.layout().recordScratch(SIZE);
        int key = e.zeroed(8);
        int tmp = e.zeroed(8);
        Assembler.Label skip = asm.newLabel("nojoin");
        e.lookup(map, key);
        Registers.Temp ptr = e.regs().alloc();
        int p = e.regs().reg(ptr);
        asm.emit(mov64Reg(p, 0));
        asm.jmpImm(JEQ, p, 0, skip);
        for (int off = 0; off < SIZE; off += 8) asm.emit(st(DW, p, off, 0));
        asm.emit(st(DW, p, 0, id));
        for (int i = 0; i < COUNT; i++) {
            int[] rr = e.regs().regs(ptr, base);
            asm.emit(mov64Reg(3, rr[1]));
            asm.emit(alu64Imm(ADD, 3, 8 * i));
            asm.emit(mov64Reg(1, FP));
            asm.emit(alu64Imm(ADD, 1, tmp));
            asm.emit(mov64Imm(2, 8));
            asm.call(user ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
            // A failed read zeroes the slot, so the string read below fails too and leaves its slot empty.
            asm.emit(ldx(DW, 3, FP, tmp));
            asm.emit(mov64Reg(1, e.regs().reg(ptr)));
            asm.emit(alu64Imm(ADD, 1, OFFSET + WIDTH * i));
            asm.emit(mov64Imm(2, WIDTH));
            asm.call(user ? Helper.PROBE_READ_USER_STR : Helper.PROBE_READ_KERNEL_STR);
        }
        e.outputFrom(e.regs().reg(ptr), SIZE);
        asm.bind(skip);
        e.regs().free(ptr);
        e.regs().free(base);
        return Value.NONE;
    }
}
