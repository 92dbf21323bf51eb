package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;

import java.util.Map;

/** software:EVENT:PERIOD: a PERF_TYPE_SOFTWARE counter on every online CPU, sampling every PERIOD events. */
final class SoftwareAttacher implements Attacher {
    /** perf_sw_ids from linux/perf_event.h, under bpftrace's names and aliases. */
    static final Map<String, Integer> EVENTS = Map.ofEntries(
            Map.entry("cpu-clock", 0), Map.entry("cpu", 0),
            Map.entry("task-clock", 1),
            Map.entry("page-faults", 2), Map.entry("faults", 2),
            Map.entry("context-switches", 3), Map.entry("cs", 3),
            Map.entry("cpu-migrations", 4), Map.entry("migrations", 4),
            Map.entry("minor-faults", 5), Map.entry("major-faults", 6),
            Map.entry("alignment-faults", 7), Map.entry("emulation-faults", 8),
            Map.entry("dummy", 9), Map.entry("bpf-output", 10));

    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        Integer config = EVENTS.get(point.target());
        if (config == null) {
            throw new AttachException(point.name() + ": unknown software event " + point.target());
        }
        long period = point.value() > 0 ? point.value() : 1;
        return PerfEvents.onEveryCpu(point, cpu -> PerfEvent.openSoftware(config, period, false, cpu), program, "");
    }
}
