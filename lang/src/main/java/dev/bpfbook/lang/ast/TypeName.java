package dev.bpfbook.lang.ast;

/**
 * A type as written in a cast, sizeof or offsetof: {@code uint32}, {@code struct sock *},
 * {@code int8[4]}. {@code name} keeps the struct/union/enum keyword ("struct sock").
 * {@code arrayLength} is 0 when not an array.
 */
public record TypeName(String name, int pointerDepth, int arrayLength, Span span) implements Node {}
