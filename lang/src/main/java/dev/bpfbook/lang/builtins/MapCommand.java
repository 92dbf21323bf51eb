package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/** Whole-map commands carried out by user space: print(@m), clear(@m), zero(@m). */
abstract class MapCommand implements Function {
    abstract AsyncAction action(String map, Expr.Call call);

    public Type check(CheckScope scope, Expr.Call call) {
        if (!CallChecks.nargs(scope, call, 1)) {
            for (Expr a : call.args()) scope.typeOf(a);
            return new Type.VoidType();
        }
        if (!(call.args().get(0) instanceof Expr.MapRef)) {
            scope.typeOf(call.args().get(0));
            scope.error(call.span(), name() + "() expects a map to be provided");
            return new Type.VoidType();
        }
        scope.mapArgument(call.args().get(0), name());
        for (Expr a : call.args().subList(1, call.args().size())) {
            if (!(a instanceof Expr.IntLit)) scope.error(a.span(), name() + "() expects integer literal arguments after the map");
            else scope.typeOf(a);
        }
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        String map = "@" + ((Expr.MapRef) call.args().get(0)).name();
        int id = e.layout().action(action(map, call));
        int rec = e.frame().alloc(8);
        e.asm().emit(st(DW, FP, rec, id));
        e.output(rec, 8);
        return Value.NONE;
    }

    static final class Print extends MapCommand {
        public String name() {
            return "print";
        }

        public String doc() {
            return "print(@map [, top [, div]]) or print(value): prints a map, or one value, right away";
        }

        @Override
        public Type check(CheckScope scope, Expr.Call call) {
            if (call.args().size() > 3) scope.error(call.span(), "print() takes up to 3 arguments (" + call.args().size() + " provided)");
            return super.check(scope, call);
        }

        AsyncAction action(String map, Expr.Call call) {
            long top = call.args().size() > 1 ? ((Expr.IntLit) call.args().get(1)).value() : 0;
            long div = call.args().size() > 2 ? ((Expr.IntLit) call.args().get(2)).value() : 0;
            return new AsyncAction.PrintMap(map, top, div);
        }
    }

    static final class Clear extends MapCommand {
        public String name() {
            return "clear";
        }

        public String doc() {
            return "clear(@map): removes every element of a map";
        }

        AsyncAction action(String map, Expr.Call call) {
            return new AsyncAction.Clear(map);
        }
    }

    static final class Zero extends MapCommand {
        public String name() {
            return "zero";
        }

        public String doc() {
            return "zero(@map): sets every value of a map to zero, keeping its keys";
        }

        AsyncAction action(String map, Expr.Call call) {
            return new AsyncAction.Zero(map);
        }
    }

}
