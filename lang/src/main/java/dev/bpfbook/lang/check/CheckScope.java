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

    /** Records what {@code e} resolved to, for the code generator ({@link Types#resolution}). */
    default void resolve(Expr e, Resolution r) {}

    /** Marks an integer or pointer expression as a user-space address (reads use probe_read_user). */
    default void markUserPointer(Expr e) {}

    /** A kernel or user-defined C type by name ("struct task_struct"), when types are known (BTF). */
    default Optional<Type> kernelType(String name) {
        return Optional.empty();
    }
}
