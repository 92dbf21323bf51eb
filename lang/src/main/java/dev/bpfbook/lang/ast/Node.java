package dev.bpfbook.lang.ast;

/** Every AST node knows where it came from, so every diagnostic can point at it. */
public interface Node {
    Span span();
}
