package dev.bpfbook.lang.ast;

import java.util.List;

/** Statements of a probe body. */
public sealed interface Stmt extends Node {

    record Block(List<Stmt> statements, Span span) implements Stmt {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    record ExprStmt(Expr expr, Span span) implements Stmt {}

    /**
     * {@code target = value} ({@code op} null) or compound {@code target op= value}.
     * {@code target} is a {@link Expr.MapRef} or {@link Expr.Variable}.
     */
    record Assign(Expr target, BinaryOp op, Expr value, Span span) implements Stmt {}

    /** {@code otherwise} is null, a {@link Block}, or another {@link If} for {@code else if}. */
    record If(Expr condition, Block then, Stmt otherwise, Span span) implements Stmt {}

    record Unroll(Expr count, Block body, Span span) implements Stmt {}

    record While(Expr condition, Block body, Span span) implements Stmt {}

    /** {@code for ($var : @map) body}. */
    record For(Expr.Variable variable, Expr.MapRef map, Block body, Span span) implements Stmt {}

    record Break(Span span) implements Stmt {}

    record Continue(Span span) implements Stmt {}

    record Return(Span span) implements Stmt {}
}
