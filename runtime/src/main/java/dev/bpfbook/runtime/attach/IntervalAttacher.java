package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;

import java.util.List;

/** interval:UNIT:N: one cpu-clock software event on CPU 0 with a fixed period in ns (as bpftrace does). */
final class IntervalAttacher implements Attacher {
    static final int PERF_COUNT_SW_CPU_CLOCK = 0;

    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        return PerfEvents.attachAll(point,
                List.of(PerfEvent.openSoftware(PERF_COUNT_SW_CPU_CLOCK, point.value(), false, 0)), program);
    }
}
