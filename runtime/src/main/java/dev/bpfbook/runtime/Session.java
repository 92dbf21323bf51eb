package dev.bpfbook.runtime;

import dev.bpfbook.lang.diag.CompileException;

import java.util.Set;

/**
 * A tracing session: the live maps shared by every run in it (a notebook kernel's whole life, or one
 * CLI invocation). Closing it detaches anything still attached and frees every map.
 */
public final class Session implements AutoCloseable {

    public Session() {
    }

    /**
     * Compiles {@code source} against this session's maps, loads and attaches it, runs BEGIN and returns
     * the live run. Output streams to {@code out} from this moment until the run ends.
     *
     * @throws CompileException with bpftrace-style positioned diagnostics (syntax, types, verifier)
     */
    public Run start(String source, RunOptions options, Output out) throws CompileException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Type-checks only: no load, no attach (the CLI's --check and the kernel's is_complete). */
    public void check(String source, RunOptions options) throws CompileException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Names of the maps alive in this session, with their '@'. */
    public Set<String> mapNames() {
        return Set.of();
    }

    /** Null when BPF is usable here, otherwise why not and how to fix it. */
    public static String bpfUnavailableReason() {
        return null;
    }

    @Override
    public void close() {
    }
}
