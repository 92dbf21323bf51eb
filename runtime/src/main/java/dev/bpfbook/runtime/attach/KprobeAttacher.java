package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.PerfEvent;

import java.util.List;

/**
 * kprobe:FUNC[+OFF] / kretprobe:FUNC through the kprobe PMU. On kernels built without CONFIG_KPROBES the
 * PMU is missing and the error says so (the program itself still compiles and verifies).
 */
final class KprobeAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        String target = point.target();
        long offset = 0;
        int plus = target.indexOf('+');
        if (plus > 0) {
            offset = Long.decode(target.substring(plus + 1));
            target = target.substring(0, plus);
        }
        PerfEvent event;
        try {
            event = PerfEvent.openKprobe(target, offset, point.provider().equals("kretprobe"));
        } catch (RuntimeException e) {
            throw new AttachException(point.name() + ": cannot attach: " + e.getMessage()
                    + " (kprobes need a kernel built with CONFIG_KPROBES)", e);
        }
        return PerfEvents.attachAll(point, List.of(event), program);
    }
}
