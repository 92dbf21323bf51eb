package dev.bpfbook.lang.ast;

/**
 * A top-level C definition (struct, union or enum), kept as its source text.
 * The checker parses the members; the grammar only needs to find its extent.
 */
public record CDefinition(String text, Span span) implements Node {}
