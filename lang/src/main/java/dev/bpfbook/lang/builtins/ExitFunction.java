package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/** exit(): asks user space to stop the run, and ends this probe invocation (as bpftrace does). */
final class ExitFunction implements Function {
    public String name() {
        return "exit";
    }

    public String doc() {
        return "exit(): ends the program: END probes run, probes detach and maps are printed";
    }

    public Type check(CheckScope scope, Expr.Call call) {
        CallChecks.nargs(scope, call, 0);
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        int id = e.layout().action(new AsyncAction.Exit());
        int rec = e.frame().alloc(8);
        e.asm().emit(st(DW, FP, rec, id));
        e.output(rec, 8);
        e.returnFromProbe();
        return Value.NONE;
    }
}
