package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;

/** Attaches a loaded program to one kind of attach point (one small class per provider). */
public interface Attacher {
    Attachment attach(AttachPoint point, BpfProgram program);

    /** The attacher for a canonical provider name, or an error naming the provider this kernel cannot attach. */
    static Attacher forProvider(String provider) {
        return switch (provider) {
            case "tracepoint" -> new TracepointAttacher();
            case "interval" -> new IntervalAttacher();
            case "profile" -> new ProfileAttacher();
            case "software" -> new SoftwareAttacher();
            case "uprobe", "uretprobe" -> new UprobeAttacher();
            case "usdt" -> new UsdtAttacher();
            case "kprobe", "kretprobe" -> new KprobeAttacher();
            case "rawtracepoint" -> new RawTracepointAttacher();
            case "hardware" -> new HardwareAttacher();
            case "watchpoint", "asyncwatchpoint" -> new WatchpointAttacher();
            default -> (p, prog) -> {
                throw new AttachException(p.name() + ": attaching " + provider + " probes is not supported yet"
                        + (provider.startsWith("kfunc") || provider.startsWith("kretfunc")
                        ? " (and this kernel has no fentry support)" : ""));
            };
        };
    }
}
