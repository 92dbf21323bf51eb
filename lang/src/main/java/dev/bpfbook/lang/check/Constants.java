package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Expr;

import java.util.OptionalLong;

/**
 * Integer constant folding: the parser gives {@code -1} as unary minus of 1, so places that need a literal
 * (unroll counts, lhist bounds, print's top/div, signal numbers) fold the expression first.
 */
public final class Constants {
    private Constants() {}

    public static OptionalLong fold(Expr e) {
        return fold(e, null);
    }

    /**
     * Folds with the program's positional parameters substituted, as bpftrace does before checking:
     * {@code $1} is its integer value (0 when absent), {@code $#} their count. A parameter that is not
     * an integer does not fold.
     */
    public static OptionalLong fold(Expr e, java.util.List<String> positional) {
        if (e instanceof Expr.IntLit i) return OptionalLong.of(i.value());
        if (positional != null && e instanceof Expr.PositionalCount) return OptionalLong.of(positional.size());
        if (positional != null && e instanceof Expr.Positional p) {
            String text = p.index() >= 1 && p.index() <= positional.size() ? positional.get(p.index() - 1) : "";
            if (text.isEmpty()) return OptionalLong.of(0);
            try {
                return OptionalLong.of(Long.decode(text));
            } catch (NumberFormatException x) {
                return OptionalLong.empty();
            }
        }
        if (e instanceof Expr.Unary u) {
            OptionalLong v = fold(u.operand(), positional);
            if (v.isEmpty()) return v;
            long x = v.getAsLong();
            return switch (u.op()) {
                case NEG -> OptionalLong.of(-x);
                case PLUS -> v;
                case BNOT -> OptionalLong.of(~x);
                case NOT -> OptionalLong.of(x == 0 ? 1 : 0);
                default -> OptionalLong.empty();
            };
        }
        if (e instanceof Expr.Binary b) {
            OptionalLong l = fold(b.left(), positional);
            OptionalLong r = fold(b.right(), positional);
            if (l.isEmpty() || r.isEmpty()) return OptionalLong.empty();
            long x = l.getAsLong(), y = r.getAsLong();
            return switch (b.op()) {
                case ADD -> OptionalLong.of(x + y);
                case SUB -> OptionalLong.of(x - y);
                case MUL -> OptionalLong.of(x * y);
                case DIV -> y == 0 ? OptionalLong.of(0) : OptionalLong.of(Long.divideUnsigned(x, y));
                case MOD -> y == 0 ? OptionalLong.of(x) : OptionalLong.of(Long.remainderUnsigned(x, y));
                case SHL -> OptionalLong.of(x << y);
                case SHR -> OptionalLong.of(x >>> y);
                case BAND -> OptionalLong.of(x & y);
                case BOR -> OptionalLong.of(x | y);
                case BXOR -> OptionalLong.of(x ^ y);
                default -> OptionalLong.empty();
            };
        }
        return OptionalLong.empty();
    }
}
