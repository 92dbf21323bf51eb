package dev.bpfbook.lang.check;

/**
 * What the checker resolved a C-level expression to, for the code generator: the constant of an enum
 * name, sizeof or offsetof; the member a field access reads; the slot of a kfunc argument.
 */
public sealed interface Resolution {
    /** The expression is the integer {@code value}. */
    record Constant(long value) implements Resolution {}

    /** A field access reads {@code member} at its offset from the base record (or the pointer's target). */
    record Field(CTypes.Member member) implements Resolution {}

    /** A kfunc/kretfunc argument: u64 number {@code index} of the tracing context. */
    record FunctionArg(int index) implements Resolution {}
}
