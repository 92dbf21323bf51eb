package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;

import java.util.Map;

/** hardware:EVENT:PERIOD: a PERF_TYPE_HARDWARE counter on every online CPU (needs a hardware PMU). */
final class HardwareAttacher implements Attacher {
    /** perf_hw_id from linux/perf_event.h, under bpftrace's names and aliases. */
    static final Map<String, Integer> EVENTS = Map.ofEntries(
            Map.entry("cpu-cycles", 0), Map.entry("cycles", 0),
            Map.entry("instructions", 1),
            Map.entry("cache-references", 2),
            Map.entry("cache-misses", 3),
            Map.entry("branch-instructions", 4), Map.entry("branches", 4),
            Map.entry("branch-misses", 5),
            Map.entry("bus-cycles", 6),
            Map.entry("frontend-stalls", 7),
            Map.entry("backend-stalls", 8),
            Map.entry("ref-cycles", 9));

    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        Integer config = EVENTS.get(point.target());
        if (config == null) throw new AttachException(point.name() + ": unknown hardware event " + point.target());
        long period = point.value() > 0 ? point.value() : 1_000_000;
        return PerfEvents.onEveryCpu(point, cpu -> PerfEvent.openHardware(config, period, cpu), program, " (hardware events need a hardware PMU; virtual machines often have none)");
    }
}
