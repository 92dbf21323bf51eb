package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.ast.TypeName;

import java.util.List;
import java.util.stream.Collectors;

/** A compact S-expression form of the AST, so shape tests read like the grammar. */
final class Sexp {
    private Sexp() {}

    static String of(Probe p) {
        String aps = p.attachPoints().stream().map(a -> a.text()).collect(Collectors.joining(","));
        return "(probe " + aps + (p.predicate() == null ? "" : " /" + of(p.predicate()) + "/") + " " + of(p.body()) + ")";
    }

    static String of(Stmt s) {
        if (s instanceof Stmt.Block b) {
            return "{" + b.statements().stream().map(Sexp::of).collect(Collectors.joining(" ")) + "}";
        }
        if (s instanceof Stmt.ExprStmt e) return of(e.expr());
        if (s instanceof Stmt.Assign a) {
            return "(" + (a.op() == null ? "" : a.op().symbol) + "= " + of(a.target()) + " " + of(a.value()) + ")";
        }
        if (s instanceof Stmt.If i) {
            return "(if " + of(i.condition()) + " " + of(i.then()) + (i.otherwise() == null ? "" : " " + of(i.otherwise())) + ")";
        }
        if (s instanceof Stmt.Unroll u) return "(unroll " + of(u.count()) + " " + of(u.body()) + ")";
        if (s instanceof Stmt.While w) return "(while " + of(w.condition()) + " " + of(w.body()) + ")";
        if (s instanceof Stmt.For f) return "(for " + of(f.variable()) + " " + of(f.map()) + " " + of(f.body()) + ")";
        if (s instanceof Stmt.Break) return "break";
        if (s instanceof Stmt.Continue) return "continue";
        if (s instanceof Stmt.Return) return "return";
        throw new IllegalArgumentException(s.toString());
    }

    static String of(Expr e) {
        if (e instanceof Expr.IntLit i) return Long.toString(i.value());
        if (e instanceof Expr.StrLit s) return '"' + s.value().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + '"';
        if (e instanceof Expr.Identifier i) return i.name();
        if (e instanceof Expr.Variable v) return "$" + v.name();
        if (e instanceof Expr.Positional p) return "$" + p.index();
        if (e instanceof Expr.PositionalCount) return "$#";
        if (e instanceof Expr.MapRef m) {
            return m.keys().isEmpty() ? "@" + m.name() : "(@" + m.name() + " " + all(m.keys()) + ")";
        }
        if (e instanceof Expr.Call c) return "(" + c.name() + "()" + (c.args().isEmpty() ? "" : " " + all(c.args())) + ")";
        if (e instanceof Expr.Binary b) return "(" + b.op().symbol + " " + of(b.left()) + " " + of(b.right()) + ")";
        if (e instanceof Expr.Unary u) return "(u" + u.op().symbol + " " + of(u.operand()) + ")";
        if (e instanceof Expr.IncDec i) {
            String op = i.increment() ? "++" : "--";
            return "(" + (i.prefix() ? op + "pre" : "post" + op) + " " + of(i.target()) + ")";
        }
        if (e instanceof Expr.Ternary t) return "(? " + of(t.condition()) + " " + of(t.then()) + " " + of(t.otherwise()) + ")";
        if (e instanceof Expr.FieldAccess f) return "(" + (f.arrow() ? "->" : ".") + " " + of(f.base()) + " " + f.field() + ")";
        if (e instanceof Expr.Index i) return "([] " + of(i.base()) + " " + of(i.index()) + ")";
        if (e instanceof Expr.TupleIndex t) return "(." + t.index() + " " + of(t.base()) + ")";
        if (e instanceof Expr.Tuple t) return "(tuple " + all(t.elements()) + ")";
        if (e instanceof Expr.Cast c) return "(cast " + of(c.type()) + " " + of(c.operand()) + ")";
        if (e instanceof Expr.SizeOf s) return "(sizeof " + (s.type() != null ? of(s.type()) : of(s.expr())) + ")";
        if (e instanceof Expr.OffsetOf o) return "(offsetof " + of(o.type()) + " " + String.join(".", o.fieldPath()) + ")";
        throw new IllegalArgumentException(e.toString());
    }

    static String of(TypeName t) {
        return "'" + t.name() + "*".repeat(t.pointerDepth()) + (t.arrayLength() > 0 ? "[" + t.arrayLength() + "]" : "") + "'";
    }

    private static String all(List<Expr> list) {
        return list.stream().map(Sexp::of).collect(Collectors.joining(" "));
    }
}
