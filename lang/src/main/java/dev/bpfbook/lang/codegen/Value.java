package dev.bpfbook.lang.codegen;

/** The result of emitting an expression. */
public sealed interface Value {
    /** A 64-bit integer (or pointer) in a temporary. */
    record Scalar(Registers.Temp temp) implements Value {}

    /** Bytes on the stack at r10 + {@code offset} (strings, tuples); {@code size} bytes, all initialised. */
    record Memory(int offset, int size) implements Value {}

    /** Statements-as-expressions (printf, exit…). */
    record None() implements Value {}

    None NONE = new None();
}
