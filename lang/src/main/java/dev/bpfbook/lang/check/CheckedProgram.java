package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Probe;

import java.util.List;
import java.util.Map;

/**
 * A program that passed the checker: probes resolved to attach points, typed, the maps they use, and
 * which of those they store into (assignments, aggregations, ++/--).
 */
public record CheckedProgram(List<CheckedProbe> probes, Map<String, MapDef> maps, java.util.Set<String> writtenMaps) {

    public record CheckedProbe(Probe probe, List<CheckedTarget> targets) {}

    /** One concrete attach point of a probe with the types valid there ({@code format} null unless a tracepoint). */
    public record CheckedTarget(ProbeResolver.Target target, TracepointFormat format, Types types) {}
}
