package dev.bpfbook.lang.ast;

import java.util.List;

/** {@code attach, attach /predicate/ { body }}. {@code predicate} is null when absent. */
public record Probe(List<AttachPointSpec> attachPoints, Expr predicate, Stmt.Block body, Span span) implements Node {
    public Probe {
        attachPoints = List.copyOf(attachPoints);
    }
}
