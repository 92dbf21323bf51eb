package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.ElfSymbols;
import dev.bpfbook.linux.PerfEvent;

import java.nio.file.Path;
import java.util.List;

/** uprobe:PATH:FUNC / uretprobe: the uprobe PMU at the function's file offset, for every process. */
final class UprobeAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        int colon = point.target().lastIndexOf(':');
        String path = point.target().substring(0, colon);
        String function = point.target().substring(colon + 1);
        long offset;
        try {
            offset = ElfSymbols.fileOffset(Path.of(path), function);
        } catch (RuntimeException e) {
            throw new AttachException(point.name() + ": " + e.getMessage(), e);
        }
        return PerfEvents.attachAll(point,
                List.of(PerfEvent.openUprobe(path, offset, point.provider().equals("uretprobe"), -1)), program);
    }
}
