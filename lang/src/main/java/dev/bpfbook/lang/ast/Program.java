package dev.bpfbook.lang.ast;

import java.util.List;

/** A whole bpftrace script: C type definitions, then probes, in source order. */
public record Program(List<CDefinition> definitions, List<Probe> probes, Span span) implements Node {
    public Program {
        definitions = List.copyOf(definitions);
        probes = List.copyOf(probes);
    }
}
