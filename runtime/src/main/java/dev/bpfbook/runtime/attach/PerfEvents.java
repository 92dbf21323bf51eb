package dev.bpfbook.runtime.attach;

import dev.bpfbook.linux.PerfEvent;

import java.util.List;

/** Perf events carrying one program; detaching closes them all (closing disables first). */
record PerfEvents(List<PerfEvent> events) implements Attachment {
    PerfEvents {
        events = List.copyOf(events);
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
