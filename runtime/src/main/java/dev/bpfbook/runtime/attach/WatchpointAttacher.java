package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;


/**
 * watchpoint:ADDR:LEN:MODE: a hardware breakpoint on every online CPU. {@code target} is "ADDR:LEN:MODE"
 * with MODE a combination of r, w and x.
 */
final class WatchpointAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        String[] parts = point.target().split(":");
        if (parts.length != 3) throw new AttachException(point.name() + ": expected watchpoint:ADDR:LEN:MODE");
        long address = Long.decode(parts[0]);
        int length = Integer.parseInt(parts[1]);
        int type = (parts[2].contains("r") ? 1 : 0) | (parts[2].contains("w") ? 2 : 0) | (parts[2].contains("x") ? 4 : 0);
        return PerfEvents.onEveryCpu(point, cpu -> PerfEvent.openBreakpoint(address, length, type, -1, cpu), program, "");
    }
}
