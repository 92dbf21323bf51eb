package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.check.CheckScope;
import dev.bpfbook.lang.check.TypeNames;
import dev.bpfbook.lang.types.Type;

/** bpftrace 0.17's checks of a call's arguments, in its words; each error covers the whole call. */
final class CallChecks {
    private CallChecks() {}

    /** Exactly {@code n} arguments: "requires no arguments", "requires one argument", "requires 4 arguments". */
    static boolean nargs(CheckScope scope, Expr.Call call, int n) {
        int given = call.args().size();
        if (given == n) return true;
        scope.error(call.span(), call.name() + "() requires " + count(n) + " (" + given + " provided)");
        return false;
    }

    /** Between {@code min} and {@code max} arguments. */
    static boolean varargs(CheckScope scope, Expr.Call call, int min, int max) {
        int given = call.args().size();
        if (given < min) {
            scope.error(call.span(), call.name() + "() requires at least " + count(min) + " (" + given + " provided)");
            return false;
        }
        if (given > max) {
            String what = max == 0 ? "requires no arguments" : "takes up to " + count(max);
            scope.error(call.span(), call.name() + "() " + what + " (" + given + " provided)");
            return false;
        }
        return true;
    }

    private static String count(int n) {
        return switch (n) {
            case 0 -> "no arguments";
            case 1 -> "one argument";
            default -> n + " arguments";
        };
    }

    /** "f() expects a integer literal (string provided)": bpftrace's article, kept as it prints it. */
    static void expectsLiteral(CheckScope scope, Expr.Call call, String kind, Type provided) {
        scope.error(call.span(), call.name() + "() expects a " + kind + " literal (" + TypeNames.kind(provided) + " provided)");
    }

    /** "f() only supports integer arguments (string provided)". */
    static void onlySupports(CheckScope scope, Expr.Call call, String kind, Type provided) {
        scope.error(call.span(), call.name() + "() only supports " + kind + " arguments (" + TypeNames.kind(provided) + " provided)");
    }
}
