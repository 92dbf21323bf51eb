package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;


/** profile:hz:N (or a time unit): one cpu-clock event per online CPU, by frequency or by period. */
final class ProfileAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        boolean freq = "hz".equals(point.unit());
        return PerfEvents.onEveryCpu(point, cpu -> PerfEvent.openSoftware(IntervalAttacher.PERF_COUNT_SW_CPU_CLOCK, point.value(), freq, cpu), program, "");
    }
}
