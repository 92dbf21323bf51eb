package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.syntax.grammar.BpftraceLexer;
import dev.bpfbook.lang.syntax.grammar.BpftraceParser;

import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.ast.BinaryOp;
import dev.bpfbook.lang.ast.CDefinition;
import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.ast.TypeName;
import dev.bpfbook.lang.ast.UnaryOp;
import dev.bpfbook.lang.syntax.grammar.BpftraceParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the ANTLR parse tree into the AST records. Literal tokens were validated before parsing
 * (see {@link Parser}), so decoding here cannot fail.
 */
final class AstBuilder {
    private final TokenSpans spans;

    AstBuilder(TokenSpans spans) {
        this.spans = spans;
    }

    Program program(ProgramContext ctx) {
        List<CDefinition> defs = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        for (ParseTree child : ctx.children) {
            if (child instanceof CdefContext c) defs.add(cdef(c.CDEF().getSymbol()));
            else if (child instanceof ProbeContext p) probes.add(probe(p));
        }
        Span span = ctx.getStart().getType() == Token.EOF ? spans.of(ctx.getStart()) : spans.of(ctx);
        return new Program(defs, probes, span);
    }

    /** The definition text without its optional trailing ';'. */
    private CDefinition cdef(Token t) {
        String text = t.getText();
        int end = text.lastIndexOf('}') + 1;
        return new CDefinition(text.substring(0, end), spans.prefix(t, end));
    }

    private Probe probe(ProbeContext ctx) {
        List<AttachPointSpec> aps = new ArrayList<>();
        for (TerminalNode n : ctx.ATTACH()) aps.add(attachPoint(n.getSymbol()));
        Expr predicate = ctx.predicate() == null ? null : expr(ctx.predicate().expr());
        return new Probe(aps, predicate, block(ctx.block()), spans.of(ctx));
    }

    /** Splits the attach point text on ':' outside quotes and removes the quotes. */
    static List<String> attachParts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private AttachPointSpec attachPoint(Token t) {
        return new AttachPointSpec(t.getText(), attachParts(t.getText()), spans.of(t));
    }

    // ---------------------------------------------------------------- statements

    private Stmt.Block block(BlockContext ctx) {
        List<Stmt> out = new ArrayList<>();
        for (ParseTree child : ctx.stmtList().children == null ? List.<ParseTree>of() : ctx.stmtList().children) {
            if (child instanceof CompoundStmtContext c) out.add(compound(c));
            else if (child instanceof SimpleStmtContext s) out.add(simple(s));
        }
        return new Stmt.Block(out, spans.of(ctx));
    }

    private Stmt compound(CompoundStmtContext ctx) {
        if (ctx instanceof IfStmtAltContext c) return ifStmt(c.ifStmt());
        if (ctx instanceof UnrollStmtContext c) return new Stmt.Unroll(expr(c.expr()), block(c.block()), spans.of(c));
        if (ctx instanceof WhileStmtContext c) return new Stmt.While(expr(c.expr()), block(c.block()), spans.of(c));
        if (ctx instanceof ForStmtContext c) {
            Token var = c.VAR().getSymbol();
            Token map = c.MAP().getSymbol();
            return new Stmt.For(new Expr.Variable(var.getText().substring(1), spans.of(var)),
                new Expr.MapRef(map.getText().substring(1), List.of(), spans.of(map)), block(c.block()), spans.of(c));
        }
        if (ctx instanceof BlockStmtContext c) return block(c.block());
        throw new IllegalStateException("unknown statement " + ctx.getClass());
    }

    private Stmt.If ifStmt(IfStmtContext ctx) {
        Stmt otherwise = null;
        if (ctx.ifStmt() != null) otherwise = ifStmt(ctx.ifStmt());
        else if (ctx.block().size() > 1) otherwise = block(ctx.block(1));
        return new Stmt.If(expr(ctx.expr()), block(ctx.block(0)), otherwise, spans.of(ctx));
    }

    private Stmt simple(SimpleStmtContext ctx) {
        Span span = spans.of(ctx);
        if (ctx instanceof AssignStmtContext c) {
            Expr target = c.assignTarget().mapRef() != null
                ? mapRef(c.assignTarget().mapRef())
                : variable(c.assignTarget().VAR().getSymbol());
            BinaryOp op = switch (c.op.getType()) {
                case BpftraceLexer.ASSIGN -> null;
                case BpftraceLexer.PLUSEQ -> BinaryOp.ADD;
                case BpftraceLexer.MINUSEQ -> BinaryOp.SUB;
                case BpftraceLexer.MULEQ -> BinaryOp.MUL;
                case BpftraceLexer.DIVEQ -> BinaryOp.DIV;
                case BpftraceLexer.MODEQ -> BinaryOp.MOD;
                case BpftraceLexer.BANDEQ -> BinaryOp.BAND;
                case BpftraceLexer.BOREQ -> BinaryOp.BOR;
                case BpftraceLexer.BXOREQ -> BinaryOp.BXOR;
                case BpftraceLexer.SHLEQ -> BinaryOp.SHL;
                case BpftraceLexer.SHREQ -> BinaryOp.SHR;
                default -> throw new IllegalStateException(c.op.getText());
            };
            return new Stmt.Assign(target, op, expr(c.expr()), span);
        }
        if (ctx instanceof BreakStmtContext) return new Stmt.Break(span);
        if (ctx instanceof ContinueStmtContext) return new Stmt.Continue(span);
        if (ctx instanceof ReturnStmtContext) return new Stmt.Return(span);
        if (ctx instanceof ExprStmtContext c) return new Stmt.ExprStmt(expr(c.expr()), span);
        throw new IllegalStateException("unknown statement " + ctx.getClass());
    }

    // ---------------------------------------------------------------- expressions

    private Expr.Variable variable(Token t) {
        return new Expr.Variable(t.getText().substring(1), spans.of(t));
    }

    private Expr.MapRef mapRef(MapRefContext ctx) {
        List<Expr> keys = ctx.exprList() == null ? List.of() : exprs(ctx.exprList().expr());
        return new Expr.MapRef(ctx.MAP().getText().substring(1), keys, spans.of(ctx));
    }

    private List<Expr> exprs(List<ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (ExprContext e : list) out.add(expr(e));
        return out;
    }

    Expr expr(ExprContext ctx) {
        Span span = spans.of(ctx);
        if (ctx instanceof PrimaryExprContext c) return primary(c.primary());
        if (ctx instanceof TupleExprContext c) return new Expr.Tuple(exprs(c.expr()), span);
        if (ctx instanceof ParenExprContext c) return expr(c.expr());
        if (ctx instanceof PostIncDecContext c) {
            return new Expr.IncDec(expr(c.expr()), c.op.getType() == BpftraceLexer.INC, false, span);
        }
        if (ctx instanceof PreIncDecContext c) {
            return new Expr.IncDec(expr(c.expr()), c.op.getType() == BpftraceLexer.INC, true, span);
        }
        if (ctx instanceof TupleIndexContext c) {
            return new Expr.TupleIndex(expr(c.expr()), tupleIndex(c.INT().getSymbol()), span);
        }
        if (ctx instanceof FieldAccessContext c) {
            return new Expr.FieldAccess(expr(c.expr()), c.fieldName().getText(),
                c.op.getType() == BpftraceLexer.PTR, span);
        }
        if (ctx instanceof IndexExprContext c) return new Expr.Index(expr(c.expr(0)), expr(c.expr(1)), span);
        if (ctx instanceof CastExprContext c) return new Expr.Cast(typeName(c.typeName()), expr(c.expr()), span);
        if (ctx instanceof UnaryExprContext c) {
            UnaryOp op = switch (c.op.getType()) {
                case BpftraceLexer.MINUS -> UnaryOp.NEG;
                case BpftraceLexer.PLUS -> UnaryOp.PLUS;
                case BpftraceLexer.LNOT -> UnaryOp.NOT;
                case BpftraceLexer.BNOT -> UnaryOp.BNOT;
                case BpftraceLexer.MUL -> UnaryOp.DEREF;
                case BpftraceLexer.BAND -> UnaryOp.ADDR;
                default -> throw new IllegalStateException(c.op.getText());
            };
            return new Expr.Unary(op, expr(c.expr()), span);
        }
        if (ctx instanceof BinaryExprContext c) {
            return new Expr.Binary(binaryOp(c.op), expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof TernaryExprContext c) {
            return new Expr.Ternary(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), span);
        }
        throw new IllegalStateException("unknown expression " + ctx.getClass());
    }

    private static int tupleIndex(Token t) {
        try {
            long v = Literals.integer(t.getText());
            return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        } catch (Literals.ProblemException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static BinaryOp binaryOp(Token op) {
        return switch (op.getType()) {
            case BpftraceLexer.MUL -> BinaryOp.MUL;
            case BpftraceLexer.DIV -> BinaryOp.DIV;
            case BpftraceLexer.MOD -> BinaryOp.MOD;
            case BpftraceLexer.PLUS -> BinaryOp.ADD;
            case BpftraceLexer.MINUS -> BinaryOp.SUB;
            case BpftraceLexer.LEFT -> BinaryOp.SHL;
            case BpftraceLexer.RIGHT -> BinaryOp.SHR;
            case BpftraceLexer.LT -> BinaryOp.LT;
            case BpftraceLexer.LE -> BinaryOp.LE;
            case BpftraceLexer.GT -> BinaryOp.GT;
            case BpftraceLexer.GE -> BinaryOp.GE;
            case BpftraceLexer.EQ -> BinaryOp.EQ;
            case BpftraceLexer.NE -> BinaryOp.NE;
            case BpftraceLexer.BAND -> BinaryOp.BAND;
            case BpftraceLexer.BXOR -> BinaryOp.BXOR;
            case BpftraceLexer.BOR -> BinaryOp.BOR;
            case BpftraceLexer.LAND -> BinaryOp.LAND;
            case BpftraceLexer.LOR -> BinaryOp.LOR;
            default -> throw new IllegalStateException(op.getText());
        };
    }

    private Expr primary(PrimaryContext ctx) {
        Span span = spans.of(ctx);
        try {
            if (ctx instanceof IntLitContext c) {
                String text = c.INT().getText();
                return new Expr.IntLit(Literals.integer(text), text, span);
            }
            if (ctx instanceof CharLitContext c) {
                String text = c.CHAR().getText();
                return new Expr.IntLit(Literals.character(text), text, span);
            }
            if (ctx instanceof StrLitContext c) return new Expr.StrLit(Literals.string(c.STRING().getText()), span);
        } catch (Literals.ProblemException e) {
            throw new IllegalStateException("literal not validated: " + ctx.getText(), e);
        }
        if (ctx instanceof MapExprContext c) return mapRef(c.mapRef());
        if (ctx instanceof VarExprContext c) return variable(c.VAR().getSymbol());
        if (ctx instanceof ParamExprContext c) {
            String digits = c.PARAM().getText().substring(1);
            int index;
            try {
                index = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE;
            }
            return new Expr.Positional(index, span);
        }
        if (ctx instanceof ParamCountExprContext) return new Expr.PositionalCount(span);
        if (ctx instanceof CallExprContext c) {
            List<Expr> args = c.exprList() == null ? List.of() : exprs(c.exprList().expr());
            return new Expr.Call(c.IDENT().getText(), args, span);
        }
        if (ctx instanceof IdentExprContext c) return new Expr.Identifier(c.IDENT().getText(), span);
        if (ctx instanceof SizeofExprContext c) {
            return c.typeName() != null
                ? new Expr.SizeOf(typeName(c.typeName()), null, span)
                : new Expr.SizeOf(null, expr(c.expr()), span);
        }
        if (ctx instanceof OffsetofExprContext c) {
            List<String> path = new ArrayList<>();
            for (FieldNameContext f : c.fieldName()) path.add(f.getText());
            return new Expr.OffsetOf(typeName(c.typeName()), path, span);
        }
        throw new IllegalStateException("unknown expression " + ctx.getClass());
    }

    private TypeName typeName(TypeNameContext ctx) {
        String name = ctx.kind != null ? ctx.kind.getText() + " " + ctx.IDENT().getText() : ctx.IDENT().getText();
        int stars = ctx.MUL().size();
        int length = 0;
        if (ctx.INT() != null) {
            try {
                long v = Literals.integer(ctx.INT().getText());
                length = v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
            } catch (Literals.ProblemException e) {
                throw new IllegalStateException(e);
            }
        }
        return new TypeName(name, stars, length, spans.of((ParserRuleContext) ctx));
    }
}
