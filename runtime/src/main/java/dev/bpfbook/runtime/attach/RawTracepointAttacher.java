package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.RawTracepoint;

/** rawtracepoint:NAME through BPF_RAW_TRACEPOINT_OPEN. */
final class RawTracepointAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        String name = point.target().contains(":") ? point.target().substring(point.target().indexOf(':') + 1)
                : point.target();
        try {
            RawTracepoint tp = RawTracepoint.open(name, program);
            return tp::close;
        } catch (RuntimeException e) {
            throw new AttachException(point.name() + ": " + e.getMessage(), e);
        }
    }
}
