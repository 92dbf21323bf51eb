package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.Cpus;
import dev.bpfbook.linux.PerfEvent;

import java.util.ArrayList;
import java.util.List;

/** profile:hz:N (or a time unit): one cpu-clock event per online CPU, by frequency or by period. */
final class ProfileAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        boolean freq = "hz".equals(point.unit());
        List<PerfEvent> events = new ArrayList<>();
        try {
            for (int cpu : Cpus.online()) {
                PerfEvent e = PerfEvent.openSoftware(IntervalAttacher.PERF_COUNT_SW_CPU_CLOCK, point.value(), freq, cpu);
                events.add(e);
                e.attach(program);
            }
        } catch (RuntimeException e) {
            new PerfEvents(events).close();
            throw new AttachException(point.name() + ": " + e.getMessage(), e);
        }
        return new PerfEvents(events);
    }
}
