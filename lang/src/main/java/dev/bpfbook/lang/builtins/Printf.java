package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.TypeNames;
import dev.bpfbook.lang.check.PrintfFormat;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;

/** printf(format, args…): a record {action id, args} sent to user space, which formats it. */
final class Printf implements Function {
    public String name() {
        return "printf";
    }

    public String doc() {
        return "printf(fmt, ...): prints formatted text like C printf (%d %u %x %s %c %p %r ...); returns nothing";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (!CallChecks.varargs(scope, call, 1, 128)) return new Type.VoidType();
        if (!(call.args().get(0) instanceof Expr.StrLit fmt)) {
            List<Type> types = new ArrayList<>();
            for (Expr a : call.args()) types.add(scope.typeOf(a));
            CallChecks.expectsLiteral(scope, call, "string", types.get(0));
            return new Type.VoidType();
        }
        scope.typeOf(fmt);
        List<Type> argTypes = new ArrayList<>();
        for (Expr a : call.args().subList(1, call.args().size())) argTypes.add(scope.typeOf(a));
        PrintfFormat format;
        try {
            format = PrintfFormat.parse(fmt.value());
        } catch (PrintfFormat.FormatError e) {
            scope.error(call.span(), e.getMessage());
            return new Type.VoidType();
        }
        int expected = format.directives().size();
        if (argTypes.size() > expected) {
            scope.error(call.span(), "printf: Too many arguments for format string (" + argTypes.size() + " supplied, " + expected + " expected)");
        } else if (argTypes.size() < expected) {
            scope.error(call.span(), "printf: Not enough arguments for format string (" + argTypes.size() + " supplied, " + expected + " expected)");
        } else {
            for (int i = 0; i < expected; i++) {
                PrintfFormat.Directive d = format.directives().get(i);
                Type t = argTypes.get(i);
                boolean isInt = t instanceof Type.IntType || t instanceof Type.PointerType;
                if (d.wantsString() && !printsAsText(t)) {
                    scope.error(call.span(), "printf: %s specifier expects a value of type string (" + TypeNames.kind(t) + " supplied)");
                } else if (d.wantsBuffer() && !(t instanceof Type.BufferType)) {
                    scope.error(call.span(), "printf: %r specifier expects a value of type buffer (" + TypeNames.kind(t) + " supplied)");
                } else if (d.wantsInteger() && !isInt) {
                    scope.error(call.span(), "printf: %" + d.conversion() + " specifier expects a value of type integer (" + TypeNames.kind(t) + " supplied)");
                }
            }
        }
        return new Type.VoidType();
    }

    /** Values user space turns into text for %s: strings and the symbolized or formatted kinds. */
    static boolean printsAsText(Type t) {
        return t instanceof Type.StringType || t instanceof Type.StackType || t instanceof Type.SymbolType
                || t instanceof Type.InetType || t instanceof Type.TimestampType || t instanceof Type.BufferType
                || t instanceof Type.MacAddrType || t instanceof Type.ErrnoType || t instanceof Type.UsernameType
                || t instanceof Type.CgroupPathType;
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        String format = ((Expr.StrLit) call.args().get(0)).value();
        List<Expr> args = call.args().subList(1, call.args().size());
        Record record = Record.layout(e, args);
        int id = e.layout().action(new AsyncAction.Printf(format, record.args()));
        record.emit(e, id, args);
        return Value.NONE;
    }

    /** The layout of an output record: u64 action id, then each argument at its natural alignment. */
    record Record(List<AsyncAction.Arg> args, int size) {
        static Record layout(ProbeEmitter e, List<Expr> values) {
            List<AsyncAction.Arg> out = new ArrayList<>();
            int off = 8;
            for (Expr v : values) {
                Type t = ProbeEmitter.storage(e.typeOf(v));
                int a = t.alignment();
                off = (off + a - 1) / a * a;
                out.add(new AsyncAction.Arg(t, off));
                off += t.size();
            }
            return new Record(out, (off + 7) & ~7);
        }

        /** Records above this size are built in a per-CPU scratch map instead of on the stack. */
        static final int STACK_RECORD_MAX = 192;

        void emit(ProbeEmitter e, int actionId, List<Expr> values) {
            if (size > STACK_RECORD_MAX) {
                emitInScratch(e, actionId, values);
                return;
            }
            int rec = e.zeroed(size);
            e.asm().emit(st(DW, FP, rec, actionId));
            for (int i = 0; i < values.size(); i++) {
                Value v = e.eval(values.get(i));
                e.store(rec + args.get(i).offset(), v, args.get(i).type());
            }
            e.output(rec, size);
        }

        private void emitInScratch(ProbeEmitter e, int actionId, List<Expr> values) {
            String map = e.layout().recordScratch(size);
            var asm = e.asm();
            int key = e.zeroed(8);
            dev.bpfbook.lang.codegen.Assembler.Label skip = asm.newLabel("norecord");
            e.lookup(map, key);
            dev.bpfbook.lang.codegen.Registers.Temp ptr = e.regs().alloc();
            int p = e.regs().reg(ptr);
            asm.emit(mov64Reg(p, 0));
            asm.jmpImm(JEQ, p, 0, skip);
            for (int off = 0; off < size; off += 8) asm.emit(st(DW, p, off, 0));
            asm.emit(st(DW, p, 0, actionId));
            for (int i = 0; i < values.size(); i++) {
                Value v = e.eval(values.get(i));
                if (v instanceof Value.Scalar s) e.regs().reg(s.temp());
                int[] pr = v instanceof Value.Scalar s ? e.regs().regs(ptr, s.temp()) : new int[] {e.regs().reg(ptr)};
                e.storeThrough(pr[0], args.get(i).offset(), v, args.get(i).type());
            }
            e.outputFrom(e.regs().reg(ptr), size);
            asm.bind(skip);
            e.regs().free(ptr);
        }
    }
}
