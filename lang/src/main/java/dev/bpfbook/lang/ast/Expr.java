package dev.bpfbook.lang.ast;

import java.util.List;

/** Expressions. Each record is one syntactic form; the checker gives them types. */
public sealed interface Expr extends Node {

    /** Integer or char literal. {@code value} holds the 64-bit pattern (unsigned literals may be negative here). */
    record IntLit(long value, String text, Span span) implements Expr {}

    /** String literal with escapes already decoded. */
    record StrLit(String value, Span span) implements Expr {}

    /** A bare identifier: a builtin variable (pid, comm, args, arg0, retval, kstack…) or an enum constant. */
    record Identifier(String name, Span span) implements Expr {}

    /** A scratch variable {@code $name} (name without the '$'). */
    record Variable(String name, Span span) implements Expr {}

    /** Positional parameter {@code $1}…{@code $N}. */
    record Positional(int index, Span span) implements Expr {}

    /** {@code $#}, the number of positional parameters. */
    record PositionalCount(Span span) implements Expr {}

    /**
     * A map reference {@code @name} or {@code @name[k1, k2]}. {@code name} excludes the '@' and is ""
     * for the anonymous map {@code @}. {@code keys} is empty for a scalar map.
     */
    record MapRef(String name, List<Expr> keys, Span span) implements Expr {
        public MapRef {
            keys = List.copyOf(keys);
        }
    }

    /** A function call {@code name(args)}, builtin or map function. */
    record Call(String name, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    /** {@code x++}, {@code ++x}, {@code x--}, {@code --x} on a map or variable. */
    record IncDec(Expr target, boolean increment, boolean prefix, Span span) implements Expr {}

    record Ternary(Expr condition, Expr then, Expr otherwise, Span span) implements Expr {}

    /** {@code base.field} or {@code base->field} ({@code arrow} true). Also {@code args.x} and {@code args->x}. */
    record FieldAccess(Expr base, String field, boolean arrow, Span span) implements Expr {}

    /** {@code base[index]} where base is not a map (array or pointer indexing). */
    record Index(Expr base, Expr index, Span span) implements Expr {}

    /** {@code tuple.N}. */
    record TupleIndex(Expr base, int index, Span span) implements Expr {}

    /** {@code (a, b, …)} with at least two elements. */
    record Tuple(List<Expr> elements, Span span) implements Expr {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }

    record Cast(TypeName type, Expr operand, Span span) implements Expr {}

    /** {@code sizeof(type)} or {@code sizeof(expr)}: exactly one of type/expr is non-null. */
    record SizeOf(TypeName type, Expr expr, Span span) implements Expr {}

    /** {@code offsetof(struct x, a.b)}: {@code fieldPath} is the dotted field path split on '.'. */
    record OffsetOf(TypeName type, List<String> fieldPath, Span span) implements Expr {
        public OffsetOf {
            fieldPath = List.copyOf(fieldPath);
        }
    }
}
