package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.codegen.ProbeEmitter;
import dev.bpfbook.lang.codegen.Value;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;

import java.util.List;

import static dev.bpfbook.lang.codegen.Insn.*;

/** time([fmt]) prints the local time from user space; strftime(fmt, ns) is a boot-time ns printed as a date. */
final class TimeFunctions {
    static final String DEFAULT_TIME_FORMAT = "%H:%M:%S\n";

    private TimeFunctions() {}

    static List<Function> all() {
        return List.of(new Time(), new Strftime());
    }

    static final class Time implements Function {
        public String name() {
            return "time";
        }

        public String doc() {
            return "time([fmt]): prints the current local time as strftime(fmt) (default \"%H:%M:%S\\n\")";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            List<Type> types = new java.util.ArrayList<>();
            for (Expr a : call.args()) types.add(scope.typeOf(a));
            if (CallChecks.varargs(scope, call, 0, 1) && call.args().size() == 1 && !(call.args().get(0) instanceof Expr.StrLit)) {
                CallChecks.expectsLiteral(scope, call, "string", types.get(0));
            }
            return new Type.VoidType();
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            String fmt = call.args().isEmpty() ? DEFAULT_TIME_FORMAT : ((Expr.StrLit) call.args().get(0)).value();
            int id = e.layout().action(new AsyncAction.Time(fmt));
            int rec = e.frame().alloc(8);
            e.asm().emit(st(DW, FP, rec, id));
            e.output(rec, 8);
            return Value.NONE;
        }
    }

    static final class Strftime implements Function {
        public String name() {
            return "strftime";
        }

        public String doc() {
            return "strftime(fmt, nsecs): a boot-time timestamp, printed with %s as a date formatted by strftime(fmt)";
        }

        public Type check(CheckScope scope, Expr.Call call) {
            if (!Aggregations.arity(scope, call, 2)) return new Type.TimestampType("");
            scope.typeOf(call.args().get(0));
            if (!(call.args().get(0) instanceof Expr.StrLit fmt)) {
                scope.error(call.args().get(0).span(), "strftime() expects a string literal as its first argument");
                scope.typeOf(call.args().get(1));
                return new Type.TimestampType("");
            }
            Aggregations.intArg(scope, call, 1);
            return new Type.TimestampType(fmt.value());
        }

        public Value emit(ProbeEmitter e, Expr.Call call) {
            return e.eval(call.args().get(1));
        }
    }
}
