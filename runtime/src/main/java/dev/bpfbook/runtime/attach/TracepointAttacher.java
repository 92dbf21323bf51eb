package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;
import dev.bpfbook.linux.Tracefs;

import java.util.List;

/** tracepoint:CAT:NAME: a PERF_TYPE_TRACEPOINT event with the program set on it; it fires on every CPU. */
final class TracepointAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        String[] parts = point.target().split(":", 2);
        int id;
        try {
            id = Tracefs.tracepointId(parts[0], parts[1]);
        } catch (RuntimeException e) {
            throw new AttachException(point.name() + ": tracepoint not found", e);
        }
        return PerfEvents.attachAll(point, List.of(PerfEvent.openTracepoint(id, 0)), program);
    }
}
