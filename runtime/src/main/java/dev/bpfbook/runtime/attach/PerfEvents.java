package dev.bpfbook.runtime.attach;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.Cpus;
import dev.bpfbook.linux.PerfEvent;

import java.util.ArrayList;
import java.util.function.IntFunction;
import java.util.List;

/** Perf events carrying one program; detaching closes them all (closing disables first). */
record PerfEvents(List<PerfEvent> events) implements Attachment {
    PerfEvents {
        events = List.copyOf(events);
    }

    /** Opens one event per online CPU with {@code open} and sets {@code program} on each. */
    static PerfEvents onEveryCpu(AttachPoint point, IntFunction<PerfEvent> open, BpfProgram program, String hint) {
        List<PerfEvent> events = new ArrayList<>();
        try {
            for (int cpu : Cpus.online()) events.add(open.apply(cpu));
        } catch (RuntimeException e) {
            new PerfEvents(events).close();
            throw new AttachException(point.name() + ": " + e.getMessage() + hint, e);
        }
        return attachAll(point, events, program);
    }

    /** Sets {@code program} on every event; on failure closes them all and names the probe. */
    static PerfEvents attachAll(AttachPoint point, List<PerfEvent> events, BpfProgram program) {
        PerfEvents all = new PerfEvents(events);
        try {
            for (PerfEvent e : events) e.attach(program);
        } catch (RuntimeException e) {
            all.close();
            throw new AttachException(point.name() + ": " + e.getMessage(), e);
        }
        return all;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (PerfEvent e : events) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                if (first == null) first = ex;
            }
        }
        if (first != null) throw first;
    }
}
