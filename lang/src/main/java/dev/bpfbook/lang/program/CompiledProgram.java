package dev.bpfbook.lang.program;

import java.util.List;
import java.util.Optional;

/**
 * The output of the compiler: one BPF program per concrete attach point, every map they use (user maps
 * and internal ones), and the async action table that gives meaning to output records.
 * {@link #OUTPUT_RING} names the BPF_MAP_TYPE_RINGBUF every program writes records to.
 */
public record CompiledProgram(List<ProbeProgram> programs, List<MapSpec> maps, List<AsyncAction> actions) {
    public static final String OUTPUT_RING = "output";

    public CompiledProgram {
        programs = List.copyOf(programs);
        maps = List.copyOf(maps);
        actions = List.copyOf(actions);
    }

    public Optional<MapSpec> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
