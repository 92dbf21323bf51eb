package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.ElfSymbols;
import dev.bpfbook.linux.PerfEvent;
import dev.bpfbook.linux.UsdtNotes;

import java.nio.file.Path;
import java.util.List;

/**
 * usdt:PATH:PROVIDER:NAME: a uprobe at the probe site's file offset (the attach point's value is the site's
 * address), for every process. A site with a semaphore gets it as the uprobe's reference counter, so the
 * kernel raises it in each process while we are attached and the program takes its probe branch.
 */
final class UsdtAttacher implements Attacher {
    @Override
    public Attachment attach(AttachPoint point, BpfProgram program) {
        String path = point.target().substring(0, point.target().indexOf(':'));
        if (point.value() == 0) {
            throw new AttachException(point.name() + ": no such USDT probe in " + path);
        }
        long offset, semaphore = 0;
        try {
            ElfSymbols elf = ElfSymbols.read(Path.of(path));
            offset = elf.fileOffset(point.value());
            for (UsdtNotes.Note n : UsdtNotes.read(Path.of(path))) {
                if (n.address() == point.value() && n.semaphore() != 0) semaphore = elf.fileOffset(n.semaphore());
            }
        } catch (RuntimeException e) {
            throw new AttachException(point.name() + ": " + e.getMessage(), e);
        }
        return PerfEvents.attachAll(point, List.of(PerfEvent.openUprobe(path, offset, false, -1, semaphore)), program);
    }
}
