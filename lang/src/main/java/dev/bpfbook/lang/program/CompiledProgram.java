package dev.bpfbook.lang.program;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The output of the compiler: one BPF program per concrete attach point, every map they use (user maps
 * and internal ones), and the async action table that gives meaning to output records.
 * {@link #OUTPUT_RING} names the BPF_MAP_TYPE_RINGBUF every program writes records to.
 * {@code writtenMaps} names the user maps the program stores into (not those it only reads, prints or
 * clears): a notebook cell shows those when it ends.
 */
public record CompiledProgram(List<ProbeProgram> programs, List<MapSpec> maps, List<AsyncAction> actions,
                              Set<String> writtenMaps) {
    public static final String OUTPUT_RING = "output";

    public CompiledProgram {
        programs = List.copyOf(programs);
        maps = List.copyOf(maps);
        actions = List.copyOf(actions);
        writtenMaps = Set.copyOf(writtenMaps);
    }

    /** Treats every user map as written, for compilers that do not track writes. */
    public CompiledProgram(List<ProbeProgram> programs, List<MapSpec> maps, List<AsyncAction> actions) {
        this(programs, maps, actions,
                maps.stream().filter(MapSpec::isUserMap).map(MapSpec::name).collect(Collectors.toSet()));
    }

    public Optional<MapSpec> map(String name) {
        return maps.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
