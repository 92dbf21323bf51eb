package dev.bpfbook.kernel;

import dev.bpfbook.runtime.Output;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running cell's stdout and stderr. Text reaches the notebook within {@link #LATENCY_MS}, coalesced:
 * a probe that prints thousands of lines a second sends a few stream messages, not thousands, and
 * the order of stdout and stderr text is kept.
 */
final class CellOutput implements Output, AutoCloseable {
    static final long LATENCY_MS = 25;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bpfbook-cell-output");
        thread.setDaemon(true);
        return thread;
    });

    private final PrintStream out;
    private final PrintStream err;
    private final StringBuilder pending = new StringBuilder();
    private PrintStream pendingTo;
    private boolean flushScheduled;

    CellOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void stdout(String text) {
        append(out, text);
    }

    @Override
    public void stderr(String text) {
        append(err, text);
    }

    private synchronized void append(PrintStream to, String text) {
        if (text.isEmpty()) return;
        if (pendingTo != to) flush();
        pendingTo = to;
        pending.append(text);
        if (!flushScheduled) {
            flushScheduled = true;
            FLUSHER.schedule(this::flush, LATENCY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is pending now. */
    synchronized void flush() {
        flushScheduled = false;
        if (pending.length() == 0) return;
        pendingTo.print(pending);
        pendingTo.flush();
        pending.setLength(0);
    }

    /** Sends the rest; the cell's streams are about to be detached from its request. */
    @Override
    public void close() {
        flush();
    }
}
