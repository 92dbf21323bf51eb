package dev.bpfbook.runtime;

/**
 * One program's life in a session: attached, streaming output, until exit(), {@link #interrupt()} or its
 * deadline; then END runs, probes detach and maps are printed. Closing a run interrupts it and waits.
 */
public final class Run implements AutoCloseable {

    /** Asks the run to stop as if by SIGINT. Safe from any thread, any number of times. */
    public void interrupt() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Blocks until the run has ended (END ran, everything detached) and returns its result. */
    public RunResult await() throws InterruptedException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void close() {
        interrupt();
    }
}
