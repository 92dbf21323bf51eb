package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.Constants;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import java.util.List;
import java.util.OptionalLong;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * print(@map[, top[, div]]) prints a whole map in user space; print(value) of any other expression
 * (including {@code @map[key]}) sends the value in a record and user space prints it with its type.
 */
final class PrintFunction implements Function {
    public String name() {
        return "print";
    }

    public String doc() {
        return "print(@map [, top [, div]]) or print(value): prints a map, or one value, right away";
    }

    private static boolean printsMap(Expr.Call call) {
        return call.args().get(0) instanceof Expr.MapRef ref && ref.keys().isEmpty();
    }

    public Type check(CheckScope scope, Expr.Call call) {
        if (!CallChecks.varargs(scope, call, 1, 3)) {
            for (Expr a : call.args()) scope.typeOf(a);
            return new Type.VoidType();
        }
        if (printsMap(call)) {
            scope.mapArgument(call.args().get(0), name());
            for (Expr a : call.args().subList(1, call.args().size())) {
                scope.typeOf(a);
                if (Constants.fold(a).isEmpty()) scope.error(a.span(), "print() expects integer literal arguments after the map");
            }
            return new Type.VoidType();
        }
        if (call.args().size() > 1) {
            scope.error(call.span(), "Non-map print() only takes 1 argument, " + call.args().size() + " found");
        }
        Type t = scope.typeOf(call.args().get(0));
        if (t instanceof Type.VoidType) scope.error(call.args().get(0).span(), "print() of a value of type none");
        return new Type.VoidType();
    }

    public Value emit(ProbeEmitter e, Expr.Call call) {
        if (printsMap(call)) {
            String map = "@" + ((Expr.MapRef) call.args().get(0)).name();
            long top = call.args().size() > 1 ? Constants.fold(call.args().get(1)).orElse(0) : 0;
            long div = call.args().size() > 2 ? Constants.fold(call.args().get(2)).orElse(0) : 0;
            int id = e.layout().action(new AsyncAction.PrintMap(map, top, div));
            int rec = e.frame().alloc(8);
            e.asm().emit(st(DW, FP, rec, id));
            e.output(rec, 8);
            return Value.NONE;
        }
        Expr value = call.args().get(0);
        Printf.Record record = Printf.Record.layout(e, List.of(value));
        int id = e.layout().action(new AsyncAction.PrintValue(record.args().get(0)));
        record.emit(e, id, List.of(value));
        return Value.NONE;
    }
}
