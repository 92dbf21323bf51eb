package dev.bpfbook.lang.check;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.types.Type;

import java.util.Optional;

/** What a builtin's check hook sees: the probe being checked and a way to type sub-expressions. */
public interface CheckScope {
    AttachPoint attachPoint();

    /** The record layout when the probe is a tracepoint. */
    Optional<TracepointFormat> tracepoint();

    /** Checks {@code e} and returns its type. */
    Type typeOf(Expr e);

    void error(Span span, String message);

    CompileContext context();

    /** The map of a map argument (print(@m), clear(@m)…); reports an error and returns null when unknown. */
    MapDef mapArgument(Expr e, String function);
}
