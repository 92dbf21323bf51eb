package dev.bpfbook.kernel;

import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.runtime.Output;
import dev.bpfbook.runtime.Run;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.RunResult;
import dev.bpfbook.runtime.Session;

import java.util.Optional;
import java.util.Set;

/**
 * Runs cells in the kernel's one {@link Session}: each cell is compiled against the session's maps,
 * attached, streams its output while it runs, and ends by exit(), an interrupt or its deadline. Its maps
 * stay in the session for later cells.
 */
final class CellRunner implements AutoCloseable {
    private final Session session;
    private final String bpfUnavailable;
    private final Object lock = new Object();
    /** The run of the executing cell; null between cells and while a cell compiles. */
    private Run current;
    /** An interrupt arrived while a cell was executing (it may not have a run yet). */
    private boolean interruptRequested;
    private boolean executing;
    private boolean closed;

    CellRunner(Session session, String bpfUnavailable) {
        this.session = session;
        this.bpfUnavailable = bpfUnavailable;
    }

    /** Runs one cell to its end; returns the maps it printed (bpftrace's text), if any. */
    Optional<String> run(String code, Output out) throws CellError, InterruptedException {
        if (bpfUnavailable != null) throw new CellError.BpfUnavailable(bpfUnavailable);
        if (code.isBlank()) return Optional.empty();
        synchronized (lock) {
            if (closed) throw new CellError.RunError(new IllegalStateException("the kernel is shutting down"));
            executing = true;
            interruptRequested = false;
        }
        try {
            Run run;
            try {
                run = session.start(code, RunOptions.defaults(), out);
            } catch (CompileException e) {
                throw new CellError.CompileError(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new CellError.RunError(e);
            }
            try (run) {
                synchronized (lock) {
                    current = run;
                    // An interrupt that came while the cell compiled and attached still stops it.
                    if (interruptRequested || closed) run.interrupt();
                }
                RunResult result = run.await();
                return result.mapsText().isEmpty() ? Optional.empty() : Optional.of(result.mapsText());
            } catch (RuntimeException e) {
                throw new CellError.RunError(e);
            }
        } finally {
            synchronized (lock) {
                current = null;
                executing = false;
            }
        }
    }

    /** Stops the executing cell as bpftrace's SIGINT would: END runs and its maps are printed. */
    void interrupt() {
        synchronized (lock) {
            if (!executing) return;
            interruptRequested = true;
            if (current != null) current.interrupt();
        }
    }

    Set<String> mapNames() {
        return session.mapNames();
    }

    /** Detaches everything the session attached and frees its maps; no cell can run afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            if (current != null) current.interrupt();
        }
        session.close();
    }
}
